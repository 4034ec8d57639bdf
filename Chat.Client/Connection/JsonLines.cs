using System.Buffers;
using System.Text.Json;
using Chat.Protocol;

namespace Chat.Client.Connection;

/// <summary>The client's side of JSON Lines framing: pure functions over bytes, no I/O.</summary>
internal static class JsonLines
{
    /// <summary>Takes one LF-ended line off the front of <paramref name="buffer"/>; false when no full line is there yet.</summary>
    public static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (reader.TryReadTo(out line, (byte)'\n'))
        {
            buffer = buffer.Slice(reader.Position);
            return true;
        }

        line = default;
        return false;
    }

    /// <summary>
    /// The event on a line; null for lines that are not JSON objects (the text greeting every connection
    /// starts with) and for event types this client does not know. Throws <see cref="JsonException"/> for malformed JSON.
    /// </summary>
    public static ServerEvent? Parse(in ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(line);
        reader.AdvancePastAny((byte)' ', (byte)'\t');
        if (!reader.TryPeek(out var first) || first != (byte)'{')
        {
            return null;
        }

        return ProtocolJson.ReadServerEvent(line.IsSingleSegment ? line.FirstSpan : line.ToArray());
    }

    public static void Write(IBufferWriter<byte> output, ClientMessage message)
    {
        using (var writer = new Utf8JsonWriter(output, ProtocolJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, message, ProtocolJson.Default.ClientMessage);
        }

        output.Write("\n"u8);
    }
}
