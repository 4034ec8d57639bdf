namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// How users of every front appear to IRC: <c>nick!nick@chatapp</c>. The user part is the nick and the host is one
/// fixed name: events carry names only, so every recipient gets the same bytes, and no address is revealed.
/// </summary>
internal static class IrcMask
{
    public const string Host = "chatapp";

    public static string Of(string nick) => $"{nick}!{nick}@{Host}";

    /// <summary>A room as an IRC channel: <c>#name</c>.</summary>
    public static string Channel(string room) => "#" + room;
}
