using Chat.Handlers.Sessions;

namespace Chat.Handlers.Events;

/// <summary>
/// How a publisher is held back when delivery falls behind (docs/CONFIGURATION.md, "Flow control"). Load enters
/// by reading a sender's socket, so that is where it is slowed: a publish that leaves a recipient's queue over its
/// soft limit waits for that queue to drain, and the sender's next line is read only then. The wait is bounded, as
/// nats-server bounds its fast-producer stalls (2 to 5 ms each), so a reader that stops cannot hold a room.
/// </summary>
public static class FlowControl
{
    /// <summary>The longest one publish waits for congested recipients: a few milliseconds per line read, never more.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// A queue whose socket has taken nothing for this long counts as stalled, not congested: nobody waits for it
    /// any more, and it is cut once over its hard limit or past <see cref="ChatLimits.SlowConsumerTimeout"/>. Long
    /// enough that a reader which keeps up but was briefly descheduled (a busy machine) still holds senders back.
    /// </summary>
    public static readonly TimeSpan StalledAfter = TimeSpan.FromMilliseconds(500);

    /// <summary>Once an event is delivered: holds its publisher while the recipients it left <paramref name="congested"/> drain.</summary>
    public static ValueTask AfterDeliveryAsync(ChatEvent chatEvent, List<ChatSession>? congested, TimeProvider time) =>
        chatEvent.HoldsPublisher && congested is not null ? HoldAsync(congested, time) : ValueTask.CompletedTask;

    /// <summary>Waits until every congested recipient has drained to its soft limit, for at most <see cref="MaxHold"/>.</summary>
    private static async ValueTask HoldAsync(List<ChatSession> congested, TimeProvider time)
    {
        var drained = congested.Count == 1
            ? congested[0].WhenDrainedAsync()
            : Task.WhenAll(congested.Select(session => session.WhenDrainedAsync()));
        if (!drained.IsCompleted)
        {
            // Giving up on a recipient is the rule, not an error: no exception per timed-out wait.
            await drained.WaitAsync(MaxHold, time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
