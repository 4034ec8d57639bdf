using System.Threading.Channels;
using Chat.Protocol;

namespace Chat.Client.Terminal;

/// <summary>
/// The terminal client for a person at a terminal: a keyboard thread edits the input line (see
/// <see cref="LineEditor"/>) while events print above it with timestamps and coloured names.
/// A refused name asks for another one. <c>/quit</c>, Ctrl+C or Ctrl+D on an empty line quit. <c>/send</c> and
/// <c>/save</c> run here (<see cref="FileTransfers"/>), received files go to <paramref name="downloads"/>.
/// </summary>
public sealed class InteractiveTerminal(TimeProvider time, string downloads = ".")
{
    private readonly Channel<string> _typed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TerminalScreen _screen = new(Console.Out, WindowWidth, UseColour());
    private readonly FileTransfers _files = new(downloads);

    public async Task<int> RunAsync(ChatClientOptions options, IReadOnlyList<string> rooms, CancellationToken cancellationToken)
    {
        // Ctrl+C arrives as a key, so it quits like /quit instead of killing the process mid-line.
        Console.TreatControlCAsInput = true;
        new Thread(ReadKeys) { IsBackground = true, Name = "keyboard" }.Start();
        try
        {
            await using var client = await RegisterAsync(options, cancellationToken);
            if (client is null)
            {
                return 0;
            }

            var printing = PrintAsync(client);
            string? reason = null;
            try
            {
                await TerminalSession.JoinAsync(client, rooms, cancellationToken);
                await foreach (var line in _typed.Reader.ReadAllAsync(cancellationToken))
                {
                    if (TerminalSession.IsQuit(line, out reason))
                    {
                        break;
                    }

                    if (await _files.TryRunAsync(client, line, cancellationToken) is { } lines)
                    {
                        foreach (var printed in lines)
                        {
                            _screen.Print(printed);
                        }

                        continue;
                    }

                    await SendAsync(client, line, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Terminated by a signal: quit as the user would.
            }

            _screen.SetPrompt("");
            await TerminalSession.QuitAsync(client, reason);
            await printing;
            return 0;
        }
        finally
        {
            _screen.Close();
            Console.TreatControlCAsInput = false;
        }
    }

    /// <summary>Connects; while the server refuses the name, asks for another. Null when the user gives up.</summary>
    private async Task<ChatClient?> RegisterAsync(ChatClientOptions options, CancellationToken cancellationToken)
    {
        var transport = options.Pin is not null ? " over TLS (pinned certificate)" : options.Tls ? " over TLS" : "";
        _screen.Print(Notice($"*** Connecting to {options.Host}:{options.Port}{transport} as {options.Name}..."));
        while (true)
        {
            var client = new ChatClient(options);
            try
            {
                await client.ConnectAsync(cancellationToken);
                return client;
            }
            catch (ChatRegistrationException ex)
            {
                await client.DisposeAsync();
                _screen.Print(new StyledLine([new Span($"!!! {ex.Message} Type another name (Ctrl+C quits).", Style.Error)]));
            }
            catch
            {
                await client.DisposeAsync();
                throw;
            }

            _screen.SetPrompt("name> ");
            if (!await _typed.Reader.WaitToReadAsync(cancellationToken) || !_typed.Reader.TryRead(out var name))
            {
                return null;
            }

            options = options with { Name = name.Trim() };
        }
    }

    private async Task SendAsync(ChatClient client, string line, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendAsync(line, cancellationToken: cancellationToken);
        }
        catch (ChatDisconnectedException ex)
        {
            _screen.Print(new StyledLine([new Span($"!!! Not sent: {ex.Message}", Style.Error)]));
        }
    }

    private async Task PrintAsync(ChatClient client)
    {
        try
        {
            await foreach (var serverEvent in client.ReadEventsAsync())
            {
                var at = EventFormatter.TimeOf(serverEvent, time.GetUtcNow()).ToLocalTime();
                var stamp = new Span($"[{at:HH:mm}] ", Style.Time);
                foreach (var line in EventFormatter.Format(serverEvent, compact: false, _files.Receive(serverEvent, client.Name)))
                {
                    // History lines carry the time of each message already.
                    _screen.Print(serverEvent is HistoryEvent ? line : line.Prepend(stamp));
                }

                _screen.SetPrompt(client.CurrentRoom is { } room ? $"{client.Name} #{room}> " : $"{client.Name}> ");
            }
        }
        finally
        {
            // The connection is over for good: stop waiting for input.
            _typed.Writer.TryComplete();
        }
    }

    private void ReadKeys()
    {
        while (true)
        {
            var result = _screen.Handle(Console.ReadKey(intercept: true));
            if (result.Action == EditAction.Submit && !_typed.Writer.TryWrite(result.Line)
                || result.Action == EditAction.Quit && _typed.Writer.TryComplete())
            {
                return;
            }
        }
    }

    private static StyledLine Notice(string text) => new([new Span(text, Style.Notice)]);

    private static bool UseColour() =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    private static int WindowWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
