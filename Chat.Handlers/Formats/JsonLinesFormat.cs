using System.Buffers;
using System.Text.Json;
using Chat.Protocol;

namespace Chat.Handlers.Formats;

/// <summary>JSON Lines for programs: one object per line both ways, typed by <c>type</c> (docs/PROTOCOL.md).</summary>
public sealed class JsonLinesFormat : IWireFormat
{
    public int Slot => 1;

    public string Name => "json";

    public bool CarriesPayloads => true;

    public bool AnswersPings => true;

    public bool EchoesOwnMessages => true;

    public byte[] Encode(ServerEvent serverEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, serverEvent, ProtocolJson.Default.ServerEvent);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    public ClientMessage? Decode(in ReadOnlySequence<byte> line, bool registered, out ErrorEvent? error)
    {
        error = null;
        if (IsBlank(line))
        {
            return null;
        }

        try
        {
            var message = ProtocolJson.ReadClientMessage(line.IsSingleSegment ? line.FirstSpan : line.ToArray());
            if (message is null)
            {
                error = new ErrorEvent(ErrorCodes.BadRequest, "Expected a JSON object with a \"type\".");
            }

            return message;
        }
        catch (JsonException ex)
        {
            error = new ErrorEvent(ErrorCodes.BadJson, $"Malformed JSON: {ex.Message}");
        }
        catch (NotSupportedException)
        {
            error = new ErrorEvent(ErrorCodes.BadRequest, "Unknown or missing \"type\"; expected hello, say or pong.");
        }

        return null;
    }

    private static bool IsBlank(in ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(line);
        reader.AdvancePastAny((byte)' ', (byte)'\t', (byte)'\r');
        return reader.End;
    }
}
