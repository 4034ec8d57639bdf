using Chat.Handlers.Sessions;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Fronts.Line;

/// <summary>
/// The line port's front (<c>Kestrel:Endpoints:Chat</c> and <c>ChatTls</c>): UTF-8 lines, text for people or JSON
/// Lines for programs, chosen by the first line (docs/PROTOCOL.md).
/// </summary>
public sealed class LineFront(IOptions<ChatOptions> options) : IChatFront
{
    public WireFormat DefaultFormat => TextFormat.Instance;

    public FrontConnection Open(ChatSession session) => new LineConnection(session, options.Value);
}
