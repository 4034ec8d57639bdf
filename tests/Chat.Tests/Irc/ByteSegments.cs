using System.Buffers;

namespace Chat.Tests.Irc;

/// <summary>A byte sequence with every byte in its own segment: the worst split a parser can be given.</summary>
internal sealed class ByteSegments : ReadOnlySequenceSegment<byte>
{
    private ByteSegments(byte value, long runningIndex) => (Memory, RunningIndex) = (new[] { value }, runningIndex);

    public static ReadOnlySequence<byte> OneBytePerSegment(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new ByteSegments(bytes[0], 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            var next = new ByteSegments(bytes[i], i);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }
}
