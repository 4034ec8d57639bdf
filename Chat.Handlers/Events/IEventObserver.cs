namespace Chat.Handlers.Events;

/// <summary>
/// Sees every event of the <see cref="IEventStream"/> in stream order, with its id, before anyone receives it. A
/// history store keeps events here; delivery waits for the returned task, so what a client is shown is stored. A
/// faulted task refuses the event: nobody receives it, and its origin is told why (the <see cref="EventRefusedException"/>'s
/// error, or <c>internal_error</c>).
/// </summary>
/// <remarks>Called on the stream's own loop: return quickly, and do slow work in the returned task.</remarks>
public interface IEventObserver
{
    ValueTask OnEventAsync(ChatEvent chatEvent);
}
