namespace Chat.Handlers.Fronts.Irc;

/// <summary>Client-supplied text placed in a middle parameter of a reply, where only a word fits.</summary>
internal static class IrcWords
{
    /// <summary>
    /// The text when it can be a middle parameter (not empty, no space, CR, LF or NUL, no leading ':'), else <c>*</c>:
    /// a reply naming a nick or channel the user got wrong must never be malformed itself.
    /// </summary>
    public static string Safe(string? text) =>
        string.IsNullOrEmpty(text) || text[0] == ':' || text.AsSpan().ContainsAny(" \r\n\0") ? "*" : text;
}
