using System.Globalization;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// What the IRC front says about this server: its name as the source of numerics, the welcome burst (001-004,
/// ISUPPORT, LUSERS, MOTD) and the version. Built once from the options.
/// </summary>
internal sealed class IrcServer
{
    /// <summary>The source of replies sent where no configured server is at hand (a refusal before any front state).</summary>
    public const string DefaultName = "ChatApp";

    /// <summary>User modes: <c>+i</c>. Channel modes are <see cref="Commands.IrcChannelModes"/>'s.</summary>
    public const string UserModes = "i";

    private readonly IReadOnlyList<string> _tokens;
    private readonly IReadOnlyList<string> _motd;
    private readonly string _created;

    /// <param name="chatHistory">Messages one CHATHISTORY request gets at most (ISUPPORT <c>CHATHISTORY</c>); 0 without history.</param>
    public IrcServer(ChatOptions chat, IrcOptions irc, DateTimeOffset started, int chatHistory)
    {
        var name = string.Concat(chat.ServerName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'));
        Name = name.Length > 0 ? name : DefaultName;
        Network = string.IsNullOrWhiteSpace(irc.Network) ? chat.ServerName : irc.Network;
        Limits = chat.Limits;
        Version = $"ChatApp-{typeof(IrcServer).Assembly.GetName().Version?.ToString(3)}";
        _created = started.ToString("R", CultureInfo.InvariantCulture);
        _motd = [.. irc.Motd];
        Capabilities = new IrcCapabilities(history: chatHistory > 0);
        _tokens = IrcSupport.Tokens(new IrcSupportOptions
        {
            Network = Network,
            NickLength = chat.Limits.MaxNameLength,
            ChannelLength = chat.Limits.MaxRoomNameLength + 1,
            TopicLength = chat.Limits.MaxTopicLength,
            ChannelModes = Commands.IrcChannelModes.Types,
            MaxTargets = MaxTargets,
            AwayLength = AwayLength,
            ChatHistory = chatHistory,
        });
    }

    public string Name { get; }

    public IrcCapabilities Capabilities { get; }

    public string Network { get; }

    public string Version { get; }

    public ChatLimits Limits { get; }

    /// <summary>AWAY messages are cut to this (ISUPPORT <c>AWAYLEN</c>).</summary>
    public const int AwayLength = 200;

    /// <summary>Targets one PRIVMSG or NOTICE may name (ISUPPORT <c>MAXTARGETS</c>).</summary>
    public const int MaxTargets = 4;

    /// <summary>001-004, ISUPPORT, LUSERS and the MOTD: what a client gets once registered.</summary>
    public IEnumerable<IrcMessage> Welcome(string nick, int users, int rooms) =>
    [
        Reply(IrcNumerics.RplWelcome, nick, $"Welcome to the {Network} IRC Network {IrcMask.Of(nick)}"),
        Reply(IrcNumerics.RplYourHost, nick, $"Your host is {Name}, running version {Version}"),
        Reply(IrcNumerics.RplCreated, nick, $"This server was created {_created}"),
        Reply(IrcNumerics.RplMyInfo, nick, Name, Version, UserModes, Commands.IrcChannelModes.All),
        .. IrcSupport.Replies(Name, nick, _tokens),
        .. Lusers(nick, users, rooms),
        .. Motd(nick),
    ];

    public IEnumerable<IrcMessage> Lusers(string nick, int users, int rooms) =>
    [
        Reply(IrcNumerics.RplLUserClient, nick, $"There are {users} users and 0 invisible on 1 servers"),
        Reply(IrcNumerics.RplLUserOp, nick, "0", "operator(s) online"),
        Reply(IrcNumerics.RplLUserUnknown, nick, "0", "unknown connection(s)"),
        Reply(IrcNumerics.RplLUserChannels, nick, rooms.ToString(CultureInfo.InvariantCulture), "channels formed"),
        Reply(IrcNumerics.RplLUserMe, nick, $"I have {users} clients and 0 servers"),
    ];

    public IEnumerable<IrcMessage> Motd(string nick) => _motd.Count == 0
        ? [Reply(IrcNumerics.ErrNoMotd, nick, "MOTD File is missing")]
        :
        [
            Reply(IrcNumerics.RplMotdStart, nick, $"- {Name} Message of the day - "),
            .. _motd.Select(line => Reply(IrcNumerics.RplMotd, nick, "- " + line)),
            Reply(IrcNumerics.RplEndOfMotd, nick, "End of /MOTD command."),
        ];

    /// <summary>A message from this server; its middle parameters must be words (<see cref="IrcWords.Safe"/>).</summary>
    public IrcMessage Reply(string command, params ReadOnlySpan<string> parameters) =>
        new(command, parameters) { Prefix = Name, ForceTrailing = true };
}
