using Chat.Handlers.Sessions;
using Chat.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Handlers.Pipeline;

/// <summary>One decoded input on its way through the filters. A filter may replace <see cref="Input"/>.</summary>
public sealed class ChatContext(ChatSession session, ClientMessage input, IServiceProvider services)
{
    public ChatSession Session { get; } = session;

    public ClientMessage Input { get; set; } = input;

    public IServiceProvider Services { get; } = services;

    /// <summary>The validated payload of a typed message, set by the payload filter.</summary>
    public Payload? Payload { get; set; }

    /// <summary>Run by <see cref="DispatchAsync"/> on behalf of another input, which flood control has counted already.</summary>
    public bool IsDispatched { get; init; }

    /// <summary>
    /// Runs <paramref name="command"/> through the whole pipeline on behalf of this input: one line of a front may
    /// stand for several commands (IRC's <c>JOIN #a,#b</c> joins two rooms) and still counts once against the flood limit.
    /// </summary>
    public ValueTask DispatchAsync(ClientMessage command) =>
        Services.GetRequiredService<ChatPipeline>().Invoke(new ChatContext(Session, command, Services) { IsDispatched = true });
}
