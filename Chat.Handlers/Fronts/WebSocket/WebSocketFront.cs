using Chat.Handlers.Fronts.Line;
using Chat.Handlers.Sessions;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Fronts.WebSocket;

/// <summary>
/// The browser's front, at <c>/ws</c> on the HTTP endpoints: JSON Lines from the first byte (no text mode, so no
/// text greeting either), the same objects as the line port's JSON mode (docs/PROTOCOL.md, docs/WEB.md).
/// </summary>
public sealed class WebSocketFront(IOptions<ChatOptions> options) : IChatFront
{
    public WireFormat DefaultFormat => JsonLinesFormat.Instance;

    public FrontConnection Open(ChatSession session) => new WebSocketConnection(session, options.Value);
}
