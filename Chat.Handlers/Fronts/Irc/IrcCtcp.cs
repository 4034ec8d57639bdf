namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// Client-to-client protocol: a PRIVMSG or NOTICE text of the form <c>\x01COMMAND parameters\x01</c>.
/// <c>ACTION</c> is /me; <c>VERSION</c> and <c>PING</c> are requests answered by NOTICE with the same command.
/// </summary>
public static class IrcCtcp
{
    public const char Delimiter = '\x01';
    public const string Action = "ACTION";
    public const string Version = "VERSION";
    public const string Ping = "PING";

    /// <summary>
    /// Splits a CTCP text into its command (upper case) and parameters. The closing \x01 may be missing, as
    /// clients are allowed to omit it. False for ordinary text or a CTCP without a command.
    /// </summary>
    public static bool TryParse(string text, out string command, out string parameters)
    {
        command = parameters = "";
        if (text.Length < 2 || text[0] != Delimiter)
        {
            return false;
        }

        var body = text.AsSpan(1);
        if (body[^1] == Delimiter)
        {
            body = body[..^1];
        }

        var space = body.IndexOf(' ');
        var name = space < 0 ? body : body[..space];
        if (name.IsEmpty)
        {
            return false;
        }

        command = name.ToString().ToUpperInvariant();
        parameters = space < 0 ? "" : body[(space + 1)..].ToString();
        return true;
    }

    /// <summary>The text of a <c>/me</c>, when <paramref name="text"/> is a CTCP ACTION.</summary>
    public static bool TryGetAction(string text, out string action)
    {
        if (TryParse(text, out var command, out action) && command == Action)
        {
            return true;
        }

        action = "";
        return false;
    }

    /// <summary><c>\x01COMMAND parameters\x01</c>, without a space when there are no parameters.</summary>
    public static string Create(string command, string parameters = "") =>
        parameters.Length == 0 ? $"{Delimiter}{command}{Delimiter}" : $"{Delimiter}{command} {parameters}{Delimiter}";
}
