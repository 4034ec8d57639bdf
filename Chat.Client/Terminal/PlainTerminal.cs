namespace Chat.Client.Terminal;

/// <summary>
/// The terminal client when standard input is not a terminal: each input line is sent, each event printed
/// as one plain line. At the end of input it quits and prints what the server still sends until it closes
/// the connection, so every reply to the input has been printed when it exits. <c>/send</c> and <c>/save</c>
/// work as at a terminal, with received files saved in <paramref name="downloads"/>.
/// </summary>
public sealed class PlainTerminal(TextReader input, TextWriter output, TextWriter error, string downloads = ".")
{
    private readonly FileTransfers _files = new(downloads);

    public async Task<int> RunAsync(ChatClientOptions options, IReadOnlyList<string> rooms, CancellationToken cancellationToken)
    {
        await using var client = new ChatClient(options);
        await client.ConnectAsync(cancellationToken);
        var printing = PrintAsync(client);
        string? reason = null;
        try
        {
            await TerminalSession.JoinAsync(client, rooms, cancellationToken);
            while (true)
            {
                var reading = input.ReadLineAsync(cancellationToken).AsTask().WaitAsync(cancellationToken);
                // The client stopped for good (a refused certificate on reconnect, say): input has nowhere to go.
                if (await Task.WhenAny(reading, printing) == printing || await reading is not { } line)
                {
                    break;
                }

                if (line.Trim().Length == 0)
                {
                    continue;
                }

                if (TerminalSession.IsQuit(line, out reason))
                {
                    break;
                }

                if (await _files.TryRunAsync(client, line, cancellationToken) is { } lines)
                {
                    await WriteAsync(lines);
                    continue;
                }

                try
                {
                    await client.SendAsync(line, cancellationToken: cancellationToken);
                }
                catch (ChatDisconnectedException ex)
                {
                    await error.WriteLineAsync($"chat: not sent ({ex.Message}): {line}");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: quit as at the end of input.
        }

        await TerminalSession.QuitAsync(client, reason);
        await printing;
        return 0;
    }

    private async Task PrintAsync(ChatClient client)
    {
        await foreach (var serverEvent in client.ReadEventsAsync())
        {
            await WriteAsync(EventFormatter.Format(serverEvent, compact: true, _files.Receive(serverEvent, client.Name)));
        }
    }

    private async Task WriteAsync(IEnumerable<StyledLine> lines)
    {
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line.Text);
        }

        await output.FlushAsync();
    }
}
