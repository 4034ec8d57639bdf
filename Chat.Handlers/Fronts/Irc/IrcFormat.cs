using System.Buffers;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// IRC lines, shared by every IRC connection with the same capabilities that change what it is sent: echo-message
/// (its own lines come back) and server-time (a <c>time</c> tag). So four instances at most, and a broadcast is still
/// encoded once per instance. Replies to one user are written by its connection (<see cref="IrcConnection.EncodeReply"/>).
/// </summary>
public sealed class IrcFormat : WireFormat
{
    private static readonly IrcFormat[] s_formats = [new(false, false), new(true, false), new(false, true), new(true, true)];

    private readonly bool _echoMessage;

    private IrcFormat(bool echoMessage, bool serverTime)
    {
        _echoMessage = echoMessage;
        ServerTime = serverTime;
    }

    /// <summary>The format of a connection that has asked for no capability.</summary>
    public static IrcFormat Plain => s_formats[0];

    public static IrcFormat For(bool echoMessage, bool serverTime) => s_formats[(echoMessage ? 1 : 0) | (serverTime ? 2 : 0)];

    public bool ServerTime { get; }

    public override bool EchoesOwnMessages => _echoMessage;

    /// <summary>IRC clients show their own messages, actions and direct messages themselves, unless they asked for echo-message.</summary>
    public override bool EchoesOwn(ServerEvent typed) => _echoMessage;

    public override bool AnswersPings => true;

    public override void WriteMessage(ServerEvent message, IBufferWriter<byte> output)
    {
        if (!IrcEvents.TryWrite(message, ServerTime, output))
        {
            // A reply written without its connection, such as a refusal before the front is open.
            IrcReplies.Write(message, "*", IrcServer.DefaultName, output);
        }
    }
}
