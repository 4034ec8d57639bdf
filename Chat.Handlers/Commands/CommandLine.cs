namespace Chat.Handlers.Commands;

/// <summary>The slash-command syntax: <c>/name args</c>; <c>//text</c> is the literal text <c>/text</c>.</summary>
public static class CommandLine
{
    public static bool IsCommand(string text) => text.Length > 1 && text[0] == '/' && text[1] != '/';

    public static bool IsEscaped(string text) => text.StartsWith("//", StringComparison.Ordinal);

    /// <summary>Splits <c>/name rest of line</c> into the name and the trimmed rest.</summary>
    public static (string Name, string Arguments) Parse(string text)
    {
        var body = text.AsSpan(1);
        var space = body.IndexOfAny(' ', '\t');
        return space < 0
            ? (body.ToString(), "")
            : (body[..space].ToString(), body[(space + 1)..].Trim().ToString());
    }
}
