using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Tasks.Sources;

namespace Chat.Handlers.Protocol;

/// <summary>
/// A connection's outgoing queue of encoded frames, drained to a <see cref="PipeWriter"/> by one writer loop
/// (<see cref="RunAsync"/>) that flushes once per batch. Queuing never waits. Two limits in bytes: over the soft
/// limit the queue is <see cref="IsCongested"/> and a publisher may wait for it (<see cref="WhenDrainedAsync"/>);
/// over the hard limit <see cref="TryWrite"/> refuses and the owner closes the connection. A socket that takes
/// nothing for the stall timeout ends the writer loop with <see cref="HasStalled"/> set.
/// </summary>
/// <remarks>
/// Frames are shared, immutable bytes: the same array goes to every recipient of a broadcast. A fan-out may queue
/// without waking the writer (<c>wake: false</c>) and wake every writer it touched once at the end of its batch, so
/// one socket write carries many frames.
/// </remarks>
public sealed class ProtocolWriter : IValueTaskSource<bool>
{
    /// <summary>A drained batch is flushed at the latest after this many bytes, to keep pipe memory flat.</summary>
    private const int FlushThresholdBytes = 64 * 1024;

    /// <summary>
    /// What a queued frame costs beyond its bytes (its slot in the queue), counted against the limits: otherwise a
    /// flood of tiny notices (a mass disconnect) could queue millions of slots within a byte limit.
    /// </summary>
    private const int FrameOverheadBytes = 32;

    /// <summary>A queue that held more frames than this in a burst is dropped once drained: an idle connection keeps a small one.</summary>
    private const int MaxKeptFrames = 16;

    private readonly long _maxQueuedBytes;
    private readonly long _softQueuedBytes;
    private readonly TimeSpan _stallTimeout;
    private readonly TimeProvider _time;
    private readonly Action<int>? _written;
    private readonly Lock _gate = new();
    private ManualResetValueTaskSourceCore<bool> _signal = new() { RunContinuationsAsynchronously = true };

    // Guarded by _gate. Storage is taken only when there is something to queue: an idle connection holds one small
    // spare queue at most.
    private Queue<ReadOnlyMemory<byte>>? _pending;
    private Queue<ReadOnlyMemory<byte>>? _spare;
    private bool _parked;
    private bool _wakeOwed;
    private bool _completed;

    private long _queuedBytes;
    private long _blockedSince;
    private TaskCompletionSource? _drained;

    /// <param name="maxQueuedBytes">The hard limit: a write beyond it is refused.</param>
    /// <param name="softQueuedBytes">Over this the queue is congested; at or under it, it is drained.</param>
    /// <param name="stallTimeout">The writer gives up once the socket has taken nothing for this long.</param>
    /// <param name="time">The clock of the stall timeout.</param>
    /// <param name="written">Told how many bytes each drained batch wrote (metrics): once per batch, not per frame.</param>
    public ProtocolWriter(long maxQueuedBytes, long softQueuedBytes, TimeSpan stallTimeout, TimeProvider time, Action<int>? written = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(softQueuedBytes, maxQueuedBytes);
        _maxQueuedBytes = maxQueuedBytes;
        _softQueuedBytes = softQueuedBytes;
        _stallTimeout = stallTimeout;
        _time = time;
        _written = written;
    }

    /// <summary>Bytes queued and not yet handed to the transport, each frame's overhead included.</summary>
    public long QueuedBytes => Volatile.Read(ref _queuedBytes);

    /// <summary>Set when the writer loop ended because the socket took nothing for the stall timeout.</summary>
    public bool HasStalled { get; private set; }

    /// <summary>
    /// Queues a frame. With <paramref name="wake"/> false a parked writer is left asleep, and the first such write
    /// returns <see cref="WriteResult.QueuedWakeOwed"/>: the caller must call <see cref="Wake"/> soon.
    /// </summary>
    public WriteResult TryWrite(ReadOnlyMemory<byte> frame, bool wake = true)
    {
        var cost = frame.Length + FrameOverheadBytes;
        if (Interlocked.Add(ref _queuedBytes, cost) > _maxQueuedBytes)
        {
            Interlocked.Add(ref _queuedBytes, -cost);
            return WriteResult.Full;
        }

        var result = WriteResult.Queued;
        var signal = false;
        lock (_gate)
        {
            if (_completed)
            {
                result = WriteResult.Closed;
            }
            else
            {
                Enqueue(frame);
                if (_parked && wake)
                {
                    _parked = _wakeOwed = false;
                    signal = true;
                }
                else if (_parked && !_wakeOwed)
                {
                    _wakeOwed = true;
                    result = WriteResult.QueuedWakeOwed;
                }
            }
        }

        if (result == WriteResult.Closed)
        {
            Interlocked.Add(ref _queuedBytes, -cost);
        }
        else if (signal)
        {
            _signal.SetResult(true);
        }

        return result;
    }

    /// <summary>Wakes the writer after writes that did not (a no-op when it is awake already).</summary>
    public void Wake()
    {
        lock (_gate)
        {
            if (!_parked)
            {
                return;
            }

            _parked = _wakeOwed = false;
        }

        _signal.SetResult(true);
    }

    /// <summary>
    /// Over the soft limit while the socket still takes bytes: a publisher that waits for it (briefly) lets a reader
    /// that keeps up catch up. A queue whose socket has taken nothing for <paramref name="stalledAfter"/> is not
    /// congested but stalled: waiting for it would only hold the publisher up.
    /// </summary>
    public bool IsCongested(TimeSpan stalledAfter) =>
        Volatile.Read(ref _queuedBytes) > _softQueuedBytes && !HasStalledFor(stalledAfter);

    /// <summary>Completes once the queue is at or under its soft limit, or the writer has ended.</summary>
    public Task WhenDrainedAsync()
    {
        var drained = Volatile.Read(ref _drained);
        if (drained is null)
        {
            var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            drained = Interlocked.CompareExchange(ref _drained, fresh, null) ?? fresh;
        }

        // The writer may have drained the queue before seeing this waiter.
        if (Volatile.Read(ref _queuedBytes) <= _softQueuedBytes || Volatile.Read(ref _completed))
        {
            SignalDrained();
        }

        return drained.Task;
    }

    /// <summary>
    /// Ends the queue: frames already queued are still written, then <paramref name="finalFrame"/> (which
    /// ignores the limits, so a last error line always fits), then the loop ends.
    /// </summary>
    public void Complete(ReadOnlyMemory<byte> finalFrame = default)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            if (!finalFrame.IsEmpty)
            {
                Interlocked.Add(ref _queuedBytes, finalFrame.Length + FrameOverheadBytes);
                Enqueue(finalFrame);
            }

            _completed = true;
        }

        Wake();
    }

    /// <summary>The writer loop: takes whatever is queued, writes it, flushes once per batch (or per 64 KiB).</summary>
    public async Task RunAsync(PipeWriter output)
    {
        try
        {
            Queue<ReadOnlyMemory<byte>>? batch = null;
            while (true)
            {
                var parked = false;
                lock (_gate)
                {
                    if (batch is not null && batch.Count == 0 && _spare is null)
                    {
                        _spare = batch;
                    }

                    batch = null;
                    if (_pending is { Count: > 0 })
                    {
                        batch = _pending;
                        _pending = null;
                    }
                    else if (_completed)
                    {
                        return;
                    }
                    else
                    {
                        _signal.Reset();
                        _parked = parked = true;
                    }
                }

                if (parked)
                {
                    await new ValueTask<bool>(this, _signal.Version).ConfigureAwait(false);
                    continue;
                }

                var kept = batch!.Count <= MaxKeptFrames;
                while (batch!.Count > 0)
                {
                    var unflushed = 0L;
                    var count = 0;
                    while (unflushed < FlushThresholdBytes && batch.TryDequeue(out var frame))
                    {
                        output.Write(frame.Span);
                        unflushed += frame.Length;
                        count++;
                    }

                    // Once per batch, not per frame: broadcasters on other cores update the same counter.
                    if (Interlocked.Add(ref _queuedBytes, -(unflushed + (long)count * FrameOverheadBytes)) <= _softQueuedBytes)
                    {
                        SignalDrained();
                    }

                    _written?.Invoke((int)unflushed);
                    var flushing = output.FlushAsync();
                    FlushResult flushed;
                    if (flushing.IsCompleted)
                    {
                        flushed = flushing.Result;
                    }
                    else
                    {
                        // The socket is not taking bytes as fast as they come: from now on, this is how long it has not.
                        Volatile.Write(ref _blockedSince, _time.GetTimestamp());
                        try
                        {
                            flushed = await flushing.AsTask().WaitAsync(_stallTimeout, _time).ConfigureAwait(false);
                        }
                        catch (TimeoutException)
                        {
                            HasStalled = true;
                            return;
                        }

                        Volatile.Write(ref _blockedSince, 0);
                    }

                    if (flushed.IsCompleted || flushed.IsCanceled)
                    {
                        return;
                    }
                }

                if (!kept)
                {
                    batch = null;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _completed = true;
                _pending = _spare = null;
            }

            SignalDrained();
        }
    }

    private void Enqueue(ReadOnlyMemory<byte> frame)
    {
        if (_pending is null)
        {
            _pending = _spare ?? new Queue<ReadOnlyMemory<byte>>();
            _spare = null;
        }

        _pending.Enqueue(frame);
    }

    private bool HasStalledFor(TimeSpan span)
    {
        var since = Volatile.Read(ref _blockedSince);
        return since != 0 && _time.GetElapsedTime(since) >= span;
    }

    private void SignalDrained()
    {
        if (Volatile.Read(ref _drained) is not null)
        {
            Interlocked.Exchange(ref _drained, null)?.TrySetResult();
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _signal.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _signal.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _signal.OnCompleted(continuation, state, token, flags);
}

/// <summary>What <see cref="ProtocolWriter.TryWrite"/> did with a frame.</summary>
public enum WriteResult
{
    Queued,

    /// <summary>Queued; the writer sleeps and the caller must <see cref="ProtocolWriter.Wake"/> it.</summary>
    QueuedWakeOwed,

    /// <summary>Refused: the hard limit would be exceeded.</summary>
    Full,

    /// <summary>Refused: the queue is completed.</summary>
    Closed,
}
