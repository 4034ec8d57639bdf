using System.Buffers;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// IRC lines, shared by every IRC connection with the same capabilities that change what it is sent: echo-message
/// (its own lines come back), server-time (a <c>time</c> tag) and message-tags (a <c>msgid</c> tag). So eight instances at most, and a broadcast is still
/// encoded once per instance. Replies to one user are written by its connection (<see cref="IrcConnection.EncodeReply"/>).
/// </summary>
public sealed class IrcFormat : WireFormat
{
    private static readonly IrcFormat[] s_formats = [.. Enumerable.Range(0, 8).Select(i => new IrcFormat((i & 1) != 0, (i & 2) != 0, (i & 4) != 0))];

    private readonly bool _echoMessage;

    private IrcFormat(bool echoMessage, bool serverTime, bool messageIds)
    {
        _echoMessage = echoMessage;
        ServerTime = serverTime;
        MessageIds = messageIds;
    }

    /// <summary>The format of a connection that has asked for no capability.</summary>
    public static IrcFormat Plain => s_formats[0];

    public static IrcFormat For(bool echoMessage, bool serverTime, bool messageIds = false) =>
        s_formats[(echoMessage ? 1 : 0) | (serverTime ? 2 : 0) | (messageIds ? 4 : 0)];

    public bool ServerTime { get; }

    /// <summary>Messages carry a <c>msgid</c> tag.</summary>
    public bool MessageIds { get; }

    public override bool EchoesOwnMessages => _echoMessage;

    /// <summary>IRC clients show their own messages, actions and direct messages themselves, unless they asked for echo-message.</summary>
    public override bool EchoesOwn(ServerEvent typed) => _echoMessage;

    public override bool AnswersPings => true;

    public override void WriteMessage(ServerEvent message, IBufferWriter<byte> output)
    {
        if (!IrcEvents.TryWrite(message, ServerTime, output, messageIds: MessageIds))
        {
            // A reply written without its connection, such as a refusal before the front is open.
            IrcReplies.Write(message, "*", IrcServer.DefaultName, output);
        }
    }
}
