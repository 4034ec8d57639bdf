namespace Chat.Handlers.Events;

/// <summary>
/// Thrown (or faulted) by an <see cref="IEventObserver"/> to refuse an event for a reason its origin is told:
/// <see cref="Error"/> instead of <c>internal_error</c>. The observer has logged why; the stream does not again.
/// </summary>
public sealed class EventRefusedException(ChatError error, Exception? innerException = null)
    : Exception($"Event refused: {error.Code}", innerException)
{
    public ChatError Error { get; } = error;
}
