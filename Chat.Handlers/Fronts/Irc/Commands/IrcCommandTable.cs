using System.Collections.Frozen;

namespace Chat.Handlers.Fronts.Irc.Commands;

/// <summary>Every command the IRC front knows, declared once with its checks; the handlers live by topic beside it.</summary>
internal static class IrcCommandTable
{
    private static readonly FrozenDictionary<string, IrcCommandInfo> s_commands = new IrcCommandInfo[]
    {
        new("CAP", 1, BeforeRegistration: true, IrcRegistrationCommands.CapAsync),
        new("PASS", 1, BeforeRegistration: true, IrcRegistrationCommands.Pass),
        new("AUTHENTICATE", 1, BeforeRegistration: true, IrcSaslCommands.AuthenticateAsync),
        new("NICK", 0, BeforeRegistration: true, IrcRegistrationCommands.NickAsync),
        new("USER", 4, BeforeRegistration: true, IrcRegistrationCommands.UserAsync),
        new("PING", 1, BeforeRegistration: true, IrcRegistrationCommands.Ping),
        new("PONG", 0, BeforeRegistration: true, IrcRegistrationCommands.Pong),
        new("QUIT", 0, BeforeRegistration: true, IrcRegistrationCommands.QuitAsync),
        new("JOIN", 1, BeforeRegistration: false, IrcChannelCommands.JoinAsync),
        new("PART", 1, BeforeRegistration: false, IrcChannelCommands.PartAsync),
        new("TOPIC", 1, BeforeRegistration: false, IrcChannelCommands.TopicAsync),
        new("NAMES", 0, BeforeRegistration: false, IrcChannelCommands.NamesAsync),
        new("LIST", 0, BeforeRegistration: false, IrcChannelCommands.ListAsync),
        new("MODE", 1, BeforeRegistration: false, IrcChannelCommands.ModeAsync),
        new("KICK", 2, BeforeRegistration: false, IrcChannelCommands.KickAsync),
        new("INVITE", 2, BeforeRegistration: false, IrcChannelCommands.InviteAsync),
        new("PRIVMSG", 0, BeforeRegistration: false, IrcMessagingCommands.PrivmsgAsync, IsMessage: true),
        new("NOTICE", 0, BeforeRegistration: false, IrcMessagingCommands.NoticeAsync, IsMessage: true),
        new("TAGMSG", 1, BeforeRegistration: false, IrcMessagingCommands.Tagmsg),
        new("WHO", 0, BeforeRegistration: false, IrcQueryCommands.WhoAsync),
        new("WHOIS", 1, BeforeRegistration: false, IrcQueryCommands.WhoisAsync),
        new("ISON", 1, BeforeRegistration: false, IrcQueryCommands.IsOnAsync),
        new("USERHOST", 1, BeforeRegistration: false, IrcQueryCommands.UserHostAsync),
        new("AWAY", 0, BeforeRegistration: false, IrcQueryCommands.Away),
        new("MOTD", 0, BeforeRegistration: false, IrcQueryCommands.Motd),
        new("LUSERS", 0, BeforeRegistration: false, IrcQueryCommands.Lusers),
        new("VERSION", 0, BeforeRegistration: false, IrcQueryCommands.Version),
        new("CHATHISTORY", 1, BeforeRegistration: false, IrcChatHistoryCommands.RunAsync),
        new("HELP", 0, BeforeRegistration: false, IrcQueryCommands.HelpAsync),
    }.ToFrozenDictionary(c => c.Name);

    public static IrcCommandInfo? Find(string command) => s_commands.GetValueOrDefault(command);
}
