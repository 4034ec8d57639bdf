namespace Chat.Handlers.Events;

/// <summary>
/// The one ordered path of every event that reaches anyone besides its sender: room messages, actions, direct
/// messages, joins, leaves, nick changes, quits and topics. It gives messages, actions and topic changes their ids
/// (strictly increasing per room), lets every <see cref="IEventObserver"/> see each event in that order, then hands
/// it to every recipient's queue, so all recipients of a room get the same order. Nothing bypasses it.
/// </summary>
/// <remarks>
/// Modelled on SignalR's HubLifetimeManager: the in-memory stream serves one process; a backplane implements the
/// same call across nodes. An implementation may be asynchronous and remote.
/// </remarks>
public interface IEventStream
{
    /// <summary>
    /// Completes once the event has been given to every recipient on this node. It waits while the stream is behind,
    /// which is what slows a sender down when fan-out cannot keep up.
    /// </summary>
    ValueTask PublishAsync(ChatEvent chatEvent, CancellationToken cancellationToken = default);
}
