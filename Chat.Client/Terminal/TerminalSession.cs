namespace Chat.Client.Terminal;

/// <summary>What the interactive and the line-by-line terminal share: rooms to join, <c>/quit</c>, saying goodbye.</summary>
internal static class TerminalSession
{
    /// <summary>How long to wait for the server's last lines after <c>/quit</c> before closing anyway.</summary>
    public static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(10);

    /// <summary><c>/quit</c> is handled here, so the client says goodbye and does not reconnect.</summary>
    public static bool IsQuit(string line, out string? reason)
    {
        var text = line.Trim();
        reason = null;
        if (!text.StartsWith("/quit", StringComparison.OrdinalIgnoreCase) || text.Length > 5 && text[5] != ' ')
        {
            return false;
        }

        reason = text[5..].Trim() is { Length: > 0 } given ? given : null;
        return true;
    }

    public static async Task JoinAsync(ChatClient client, IEnumerable<string> rooms, CancellationToken cancellationToken)
    {
        foreach (var room in rooms)
        {
            await client.SendAsync($"/join {room}", cancellationToken: cancellationToken);
        }
    }

    /// <summary>Quits and waits (boundedly) until the server has closed, so every reply has been received.</summary>
    public static async Task QuitAsync(ChatClient client, string? reason)
    {
        using var timeout = new CancellationTokenSource(QuitTimeout, client.Options.TimeProvider);
        try
        {
            await client.QuitAsync(reason, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The server kept the connection open; disposing the client closes it from our side.
        }
    }
}
