using System.Buffers;
using Chat.Handlers.Fronts.Line;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// What one IRC user is sent alone: the front's own replies, the core's errors and topics as numerics naming the
/// user (or <c>*</c> before registration), pings, farewells as <c>ERROR</c>, and any other notice as server NOTICEs.
/// </summary>
internal static class IrcReplies
{
    public static void Write(ServerEvent reply, string nick, string server, IBufferWriter<byte> output)
    {
        switch (reply)
        {
            case IrcReply replies:
                foreach (var message in replies.Messages)
                {
                    IrcMessageWriter.Write(message, output);
                }

                break;
            case ChatError error:
                IrcMessageWriter.Write(IrcErrors.ToMessage(error, nick, server), output);
                break;
            case TopicEvent { Topic: null or "" } topic:
                Numeric(IrcNumerics.RplNoTopic, IrcMask.Channel(topic.Room), "No topic is set");
                break;
            case TopicEvent topic:
                Numeric(IrcNumerics.RplTopic, IrcMask.Channel(topic.Room), topic.Topic!);
                break;
            case PingEvent:
                IrcMessageWriter.Write(new IrcMessage("PING", server) { ForceTrailing = true }, output);
                break;
            case GoodbyeEvent:
                IrcMessageWriter.Write(new IrcMessage("ERROR", $"Closing link: {TextFormat.GoodbyeText}") { ForceTrailing = true }, output);
                break;
            case ShutdownEvent shutdown:
                IrcMessageWriter.Write(new IrcMessage("ERROR", $"Server shutting down: {shutdown.Reason}") { ForceTrailing = true }, output);
                break;
            case CurrentRoomEvent:
                // IRC has no current channel: each line names its target.
                break;
            case InfoEvent info:
                Notice(info.Text);
                break;
            case AccountEvent { Status: AccountStatus.LoggedIn } account:
                IrcMessageWriter.Write(new IrcMessage(IrcNumerics.RplLoggedIn, nick, IrcMask.Of(nick), account.Name, $"You are now logged in as {account.Name}")
                {
                    Prefix = server, ForceTrailing = true,
                }, output);
                break;
            default:
                // Help, who and rooms lists: the text front's lines, as notices.
                foreach (var line in TextFormat.Render(reply).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    Notice(line.StartsWith("*** ", StringComparison.Ordinal) ? line[4..] : line);
                }

                break;
        }

        void Numeric(string numeric, string channel, string text) =>
            IrcMessageWriter.Write(new IrcMessage(numeric, nick, channel, text) { Prefix = server, ForceTrailing = true }, output);

        void Notice(string text) => IrcMessageWriter.Write(new IrcMessage("NOTICE", nick, text) { Prefix = server, ForceTrailing = true }, output);
    }
}
