using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;

namespace Chat.Handlers.Protocol;

/// <summary>
/// A connection's outgoing queue of encoded frames, bounded in bytes, drained to a <see cref="PipeWriter"/>
/// by one writer loop (<see cref="RunAsync"/>). Queuing never waits, so a broadcaster is never slowed by a
/// slow reader: over the limit <see cref="TryWrite(ReadOnlyMemory{byte})"/> returns false and the owner
/// decides what to do (close the connection).
/// </summary>
/// <remarks>Frames are shared, immutable bytes: the same array goes to every recipient of a broadcast.</remarks>
/// <param name="written">Told how many bytes each drained batch wrote (metrics): once per batch, not per frame.</param>
public sealed class ProtocolWriter(long maxQueuedBytes, Action<int>? written = null)
{
    /// <summary>A drained batch is flushed at the latest after this many bytes, to keep pipe memory flat.</summary>
    private const int FlushThresholdBytes = 64 * 1024;

    /// <summary>
    /// What a queued frame costs beyond its bytes (its slot in the channel), counted against the limit: otherwise a
    /// flood of tiny notices (a mass disconnect) could queue millions of slots within a byte limit.
    /// </summary>
    private const int FrameOverheadBytes = 32;

    // A bounded channel only for its storage: its queue starts empty and grows with use, where an unbounded
    // channel's starts at 32 slots, about 800 bytes for every idle connection. The byte limit is ours (TryWrite).
    private readonly Channel<ReadOnlyMemory<byte>> _frames =
        Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(int.MaxValue) { SingleReader = true });

    private long _queuedBytes;

    /// <summary>Bytes waiting to be written, each frame's slot included.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>Queues a frame; false when the queue is completed or the frame would exceed the byte limit.</summary>
    public bool TryWrite(ReadOnlyMemory<byte> frame)
    {
        var cost = frame.Length + FrameOverheadBytes;
        if (Interlocked.Add(ref _queuedBytes, cost) > maxQueuedBytes || !_frames.Writer.TryWrite(frame))
        {
            Interlocked.Add(ref _queuedBytes, -cost);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Ends the queue: frames already queued are still written, then <paramref name="finalFrame"/> (which
    /// ignores the byte limit, so a last error line always fits), then the loop ends.
    /// </summary>
    public void Complete(ReadOnlyMemory<byte> finalFrame = default)
    {
        if (!finalFrame.IsEmpty && _frames.Writer.TryWrite(finalFrame))
        {
            Interlocked.Add(ref _queuedBytes, finalFrame.Length + FrameOverheadBytes);
        }

        _frames.Writer.TryComplete();
    }

    /// <summary>The writer loop: drains whatever is queued, writes it, flushes once per batch.</summary>
    public async Task RunAsync(PipeWriter output, CancellationToken cancellationToken = default)
    {
        var frames = _frames.Reader;
        while (await frames.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var unflushed = 0;
            var count = 0;
            while (unflushed < FlushThresholdBytes && frames.TryRead(out var frame))
            {
                output.Write(frame.Span);
                unflushed += frame.Length;
                count++;
            }

            // Once per batch, not per frame: broadcasters on other cores update the same counter.
            Interlocked.Add(ref _queuedBytes, -(unflushed + (long)count * FrameOverheadBytes));
            written?.Invoke(unflushed);

            var flush = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (flush.IsCompleted || flush.IsCanceled)
            {
                return;
            }
        }
    }
}
