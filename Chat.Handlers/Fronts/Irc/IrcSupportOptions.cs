namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// What RPL_ISUPPORT (005) tells IRC clients about this server. The lengths must be the core's real limits:
/// clients trust them to cut nicks, channel names and topics before sending.
/// </summary>
public sealed record IrcSupportOptions
{
    /// <summary>NETWORK: the name clients show for this network.</summary>
    public required string Network { get; init; }

    /// <summary>NICKLEN.</summary>
    public required int NickLength { get; init; }

    /// <summary>CHANNELLEN: the '#' included.</summary>
    public required int ChannelLength { get; init; }

    /// <summary>TOPICLEN.</summary>
    public required int TopicLength { get; init; }

    /// <summary>CHANMODES: the type A,B,C,D channel modes rooms support, for example <c>,,,nt</c>.</summary>
    public required string ChannelModes { get; init; }

    /// <summary>MAXTARGETS: targets one PRIVMSG or NOTICE may name.</summary>
    public int MaxTargets { get; init; } = 4;

    /// <summary>MODES: modes with a parameter one MODE command may change.</summary>
    public int Modes { get; init; } = 4;

    /// <summary>AWAYLEN.</summary>
    public int AwayLength { get; init; } = 200;

    /// <summary>KICKLEN.</summary>
    public int KickLength { get; init; } = 255;

    /// <summary>CHATHISTORY: messages one history request may return; 0 leaves the token out (no history).</summary>
    public int ChatHistory { get; init; }

    /// <summary>
    /// UTF8ONLY: clients that know the token send only UTF-8. Those that do not are still understood
    /// (<see cref="IrcMessage.TryParse(ReadOnlySpan{byte}, out IrcMessage?, out IrcParseError)"/> decodes legacy bytes).
    /// </summary>
    public bool Utf8Only { get; init; } = true;
}
