namespace Chat.Handlers.Fronts.Irc;

/// <summary>The IRCv3 capabilities the front offers (<c>CAP LS</c>).</summary>
[Flags]
internal enum IrcCapability
{
    None = 0,
    Batch = 1,
    EchoMessage = 2,
    MessageTags = 4,
    MultiPrefix = 8,
    ServerTime = 16,
    ChatHistory = 32,
    Sasl = 64,
}

/// <summary>
/// Capability negotiation: the names offered and the all-or-nothing rule of <c>CAP REQ</c>. <c>CAP LS 302</c> lists
/// the same names, <c>sasl</c> with its mechanism. <c>draft/chathistory</c> announces the CHATHISTORY command, which
/// answers with or without it; a server that keeps no history does not offer it.
/// </summary>
internal sealed class IrcCapabilities
{
    private static readonly (string Name, IrcCapability Flag)[] s_all =
    [
        ("batch", IrcCapability.Batch),
        ("draft/chathistory", IrcCapability.ChatHistory),
        ("echo-message", IrcCapability.EchoMessage),
        ("message-tags", IrcCapability.MessageTags),
        ("multi-prefix", IrcCapability.MultiPrefix),
        ("sasl", IrcCapability.Sasl),
        ("server-time", IrcCapability.ServerTime),
    ];

    private readonly (string Name, IrcCapability Flag)[] _offered;

    public IrcCapabilities(bool history)
    {
        _offered = [.. s_all.Where(c => history || c.Flag != IrcCapability.ChatHistory)];
        Offered = string.Join(' ', _offered.Select(c => c.Name));
        OfferedWithValues = string.Join(' ', _offered.Select(c => c.Flag == IrcCapability.Sasl ? "sasl=PLAIN" : c.Name));
    }

    /// <summary>The <c>CAP LS</c> list.</summary>
    public string Offered { get; }

    /// <summary>The <c>CAP LS 302</c> list: with values, <c>sasl=PLAIN</c> the one there is.</summary>
    public string OfferedWithValues { get; }

    /// <summary>
    /// Applies a <c>CAP REQ</c> list (names, or <c>-name</c> to disable) to <paramref name="current"/>: all of them,
    /// or none when one is not offered.
    /// </summary>
    public bool TryRequest(string request, IrcCapability current, out IrcCapability updated)
    {
        updated = current;
        foreach (var token in request.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var disable = token.StartsWith('-');
            var name = disable ? token[1..] : token;
            var flag = Array.Find(_offered, c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).Flag;
            if (flag == IrcCapability.None)
            {
                updated = current;
                return false;
            }

            updated = disable ? updated & ~flag : updated | flag;
        }

        return true;
    }

    /// <summary>The enabled capabilities, as <c>CAP LIST</c> names them.</summary>
    public static string Names(IrcCapability enabled) => string.Join(' ', s_all.Where(c => enabled.HasFlag(c.Flag)).Select(c => c.Name));
}
