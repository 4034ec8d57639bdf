using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers.Pipeline;

/// <summary>One decoded input on its way through the filters. A filter may replace <see cref="Input"/>.</summary>
public sealed class ChatContext(ChatSession session, ClientMessage input, IServiceProvider services)
{
    public ChatSession Session { get; } = session;

    public ClientMessage Input { get; set; } = input;

    public IServiceProvider Services { get; } = services;

    /// <summary>The validated payload of a typed message, set by the payload filter.</summary>
    public Payload? Payload { get; set; }
}
