using System.Buffers;

namespace Chat.Handlers.Protocol;

/// <summary>
/// Parses one message from the front of a byte sequence. Pure and synchronous: the caller owns the
/// buffer, the async loop and the size cap (<see cref="ProtocolReader"/>).
/// </summary>
public interface IMessageReader<TMessage>
{
    /// <summary>
    /// Returns true with a message, setting <paramref name="consumed"/> past it; otherwise false, setting
    /// <paramref name="examined"/> to how far it looked so the caller waits for more bytes.
    /// </summary>
    bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out TMessage message);

    /// <summary>
    /// After a message exceeded the size cap: finds where the next message can start, so a reader
    /// recovers from one oversized frame. False when that point is not in <paramref name="input"/> yet.
    /// </summary>
    bool TrySkipToNextMessage(in ReadOnlySequence<byte> input, out SequencePosition next);
}
