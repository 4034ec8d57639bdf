using System.Threading.Channels;
using Chat.Handlers.Hosting;
using Chat.Handlers.Sessions;
using Chat.Protocol;
using Microsoft.Extensions.Logging;

namespace Chat.Handlers.Events;

/// <summary>
/// The event stream of a single node: one loop takes events in arrival order, stamps ids and times, lets the
/// observers see them and delivers them. One loop is the whole ordering: no lock, and every recipient sees the same
/// order. The queue in front of it is bounded, so senders wait when delivery falls behind; a publisher whose event
/// left a recipient's queue congested waits, briefly, for it to drain (<see cref="FlowControl"/>). The loop itself
/// never waits for a recipient.
/// </summary>
public sealed partial class InMemoryEventStream : IEventStream, ISequenceSeed, IAsyncDisposable
{
    /// <summary>Events stamped and observed before their deliveries start: a store commits one batch at a time.</summary>
    private const int MaxBatch = 256;

    /// <summary>Events waiting for the loop; a publisher waits beyond this.</summary>
    private const int Capacity = 4096;

    private readonly Channel<Pending> _queue;
    private readonly LocalDelivery _delivery;
    private readonly IEventObserver[] _observers;
    private readonly ChatMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<InMemoryEventStream> _logger;
    // Touched only by the loop (and by ContinueAfter, before anything is published).
    private readonly Dictionary<string, long> _lastRoomIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _loop;
    private long _lastDirectId;

    public InMemoryEventStream(
        LocalDelivery delivery, IEnumerable<IEventObserver> observers, ChatMetrics metrics, TimeProvider time, ILogger<InMemoryEventStream> logger)
    {
        _delivery = delivery;
        _observers = [.. observers];
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(Capacity) { SingleReader = true });
        _loop = RunAsync();
    }

    public async ValueTask PublishAsync(ChatEvent chatEvent, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(chatEvent, _time.GetTimestamp());
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        await pending.Delivered.Task.ConfigureAwait(false);
        await FlowControl.AfterDeliveryAsync(chatEvent, pending.Congested, _time).ConfigureAwait(false);
    }

    /// <remarks>Not thread-safe with the loop: called before the first event is published, whose queueing publishes the write.</remarks>
    public void ContinueAfter(string room, long lastId) =>
        _lastRoomIds[room] = Math.Max(lastId, _lastRoomIds.GetValueOrDefault(room));

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        // Off the constructor's thread: the loop must never run on a caller's stack.
        await Task.Yield();
        var batch = new List<Pending>(MaxBatch);
        var toWake = new List<ChatSession>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var pending))
            {
                pending.Event = Stamp(pending.Event);
                pending.Observed = Observe(pending.Event);
                batch.Add(pending);
            }

            foreach (var pending in batch)
            {
                await DeliverAsync(pending, toWake).ConfigureAwait(false);
            }

            // Writers wake once per batch, so each writes the whole batch's frames at once; then publishers go on.
            LocalDelivery.Wake(toWake);
            foreach (var pending in batch)
            {
                _metrics.Published(_time.GetElapsedTime(pending.Published));
                pending.Delivered.TrySetResult();
            }

            batch.Clear();
        }
    }

    private async ValueTask DeliverAsync(Pending pending, List<ChatSession> toWake)
    {
        try
        {
            await pending.Observed.ConfigureAwait(false);
            pending.Congested = _delivery.Deliver(pending.Event, toWake);
        }
        catch (EventRefusedException refused)
        {
            LocalDelivery.Refuse(pending.Event, refused.Error);
        }
        catch (Exception ex)
        {
            // One failed event must not stop the stream; its sender hears of it, nobody else receives it.
            Log.EventRefused(_logger, pending.Event.Event.GetType().Name, ex);
            LocalDelivery.Refuse(pending.Event, new ChatError(ErrorCodes.InternalError));
        }
    }

    private ChatEvent Stamp(ChatEvent chatEvent)
    {
        if (!chatEvent.IsSequenced)
        {
            return chatEvent;
        }

        long id;
        if (chatEvent.SequenceRoom is { } room)
        {
            id = _lastRoomIds[room] = _lastRoomIds.GetValueOrDefault(room) + 1;
        }
        else
        {
            id = ++_lastDirectId;
        }

        return chatEvent.Stamped(id, _time.GetUtcNow());
    }

    private ValueTask Observe(ChatEvent chatEvent)
    {
        switch (_observers.Length)
        {
            case 0:
                return ValueTask.CompletedTask;
            case 1:
                return _observers[0].OnEventAsync(chatEvent);
            default:
                var tasks = new Task[_observers.Length];
                for (var i = 0; i < tasks.Length; i++)
                {
                    tasks[i] = _observers[i].OnEventAsync(chatEvent).AsTask();
                }

                return new ValueTask(Task.WhenAll(tasks));
        }
    }

    private sealed class Pending(ChatEvent chatEvent, long published)
    {
        public ChatEvent Event { get; set; } = chatEvent;

        /// <summary>When <see cref="PublishAsync"/> was called (a <see cref="TimeProvider"/> timestamp).</summary>
        public long Published { get; } = published;

        public ValueTask Observed { get; set; }

        /// <summary>Recipients whose queue the delivery left congested; null when none.</summary>
        public List<ChatSession>? Congested { get; set; }

        // Asynchronous continuations: a publisher must never resume on the stream's loop and hold it up.
        public TaskCompletionSource Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static partial class Log
    {
        [LoggerMessage(150, LogLevel.Error, "Event stream: a {EventType} was refused")]
        public static partial void EventRefused(ILogger logger, string eventType, Exception exception);
    }
}
