using System.Buffers;
using Chat.Handlers.Fronts.Line;
using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.WebSocket;

/// <summary>
/// One WebSocket connection. The transport hands over the frames' bytes as one stream, so lines (each command ends
/// with LF) are the frames here, whatever the WebSocket frames were.
/// </summary>
internal sealed class WebSocketConnection(ChatSession session, ChatOptions options) : FrontConnection(session)
{
    // Long payload lines only once registered, as on the line port.
    public override int MaxFrameBytes => Session.IsRegistered ? options.MaxJsonLineBytes : options.Limits.MaxLineBytes;

    public override void Start() => Session.Send(new InfoEvent($"Welcome to {options.ServerName}! Say hello with your name."));

    public override ClientMessage? Decode(in ReadOnlySequence<byte> frame, out ChatError? error)
    {
        // A blank line counts against the flood limit before it is dropped, as on the line port.
        if (LineConnection.IsBlank(frame))
        {
            error = null;
            return new SayMessage("");
        }

        return JsonLinesFormat.DecodeCommand(frame, out error);
    }
}
