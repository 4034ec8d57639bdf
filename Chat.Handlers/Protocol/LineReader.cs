using System.Buffers;

namespace Chat.Handlers.Protocol;

/// <summary>Frames UTF-8 lines ended by LF or CRLF; the message is the line without its ending.</summary>
public sealed class LineReader : IMessageReader<ReadOnlySequence<byte>>
{
    public static LineReader Instance { get; } = new();

    public bool TryParseMessage(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out ReadOnlySequence<byte> message)
    {
        if (input.PositionOf((byte)'\n') is not SequencePosition lf)
        {
            message = default;
            examined = input.End;
            return false;
        }

        var line = input.Slice(0, lf);
        if (!line.IsEmpty && EndsWithCarriageReturn(line))
        {
            line = line.Slice(0, line.Length - 1);
        }

        message = line;
        consumed = examined = input.GetPosition(1, lf);
        return true;
    }

    public bool TrySkipToNextMessage(in ReadOnlySequence<byte> input, out SequencePosition next)
    {
        if (input.PositionOf((byte)'\n') is SequencePosition lf)
        {
            next = input.GetPosition(1, lf);
            return true;
        }

        next = input.End;
        return false;
    }

    private static bool EndsWithCarriageReturn(in ReadOnlySequence<byte> line) =>
        line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r';
}
