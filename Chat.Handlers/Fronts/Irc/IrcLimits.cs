namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// Line limits of the Modern IRC client protocol and IRCv3 message-tags. The body (source, command and
/// parameters) and the tags are limited separately, so tags never eat into the room for text.
/// </summary>
public static class IrcLimits
{
    /// <summary>The classic IRC line: source, command and parameters, CR LF included.</summary>
    public const int MaxBodyBytes = 512;

    /// <summary>A body without its CR LF.</summary>
    public const int MaxBodyContentBytes = MaxBodyBytes - 2;

    /// <summary>Tag data a client may send (IRCv3): the text between '@' and the space that ends the tags.</summary>
    public const int MaxClientTagDataBytes = 4094;

    /// <summary>Tag data a server may add to a message it sends (IRCv3).</summary>
    public const int MaxServerTagDataBytes = 4094;

    /// <summary>All tag data on a line the server sends: its own tags plus client-only tags it relays.</summary>
    public const int MaxTagDataBytes = 8191 - 2;

    /// <summary>A client's whole tags section, '@' and the closing space included.</summary>
    public const int MaxClientTagsBytes = MaxClientTagDataBytes + 2;

    /// <summary>Longest line a client without the message-tags capability may send, CR LF included.</summary>
    public const int MaxClientLineBytes = MaxBodyBytes;

    /// <summary>Longest line a client with the message-tags capability may send, CR LF included.</summary>
    public const int MaxClientTaggedLineBytes = MaxClientTagsBytes + MaxBodyBytes;

    /// <summary>Longest line the server writes, CR LF included.</summary>
    public const int MaxServerLineBytes = MaxTagDataBytes + 2 + MaxBodyBytes;

    /// <summary>Parameters one message may carry.</summary>
    public const int MaxParameters = 15;
}
