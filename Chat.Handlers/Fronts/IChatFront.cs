using Chat.Handlers.Sessions;

namespace Chat.Handlers.Fronts;

/// <summary>
/// A front: the protocol a kind of chat endpoint speaks (the line port's text and JSON, IRC, WebSocket). It opens a
/// <see cref="FrontConnection"/> per connection; everything else (limits, flood control, sanitizing, the pipeline,
/// commands, rooms and the event stream) is shared by every front. Added through DI with the endpoints it serves.
/// </summary>
public interface IChatFront
{
    /// <summary>The format a connection starts in: its greeting, or why it was refused, is written in it.</summary>
    WireFormat DefaultFormat { get; }

    FrontConnection Open(ChatSession session);
}
