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

    public void WriteMessage(ServerEvent message, IBufferWriter<byte> output)
    {
        using (var writer = new Utf8JsonWriter(output, ProtocolJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, message, ProtocolJson.Default.ServerEvent);
        }

        output.Write("\n"u8);
    }

    public ClientMessage? Decode(in ReadOnlySequence<byte> line, bool registered, out ErrorEvent? error)
    {
        error = null;
        if (IsBlank(line))
        {
            return new SayMessage("");
        }

        // Read straight from the pipe's segments: a payload line is large, and copying it would be waste.
        var reader = new Utf8JsonReader(line);
        try
        {
            var message = JsonSerializer.Deserialize(ref reader, ProtocolJson.Default.ClientMessage);
            if (message is not null && IsBlank(line.Slice(reader.BytesConsumed)))
            {
                return message;
            }

            if (message is not null)
            {
                error = new ErrorEvent(ErrorCodes.BadJson, "One JSON object per line: something follows the object.");
                return null;
            }
        }
        catch (JsonException) when (IsWellFormed(line))
        {
            // Well-formed JSON the model rejects: a required field is missing or null.
        }
        catch (JsonException ex)
        {
            error = new ErrorEvent(ErrorCodes.BadJson, $"Malformed JSON at byte {ex.BytePositionInLine}.");
            return null;
        }
        catch (NotSupportedException)
        {
            // An unknown or missing "type": the abstract model cannot be created.
        }

        error = new ErrorEvent(ErrorCodes.BadRequest,
            "Expected one JSON object with a known \"type\" (hello, say or pong) and its required fields; see docs/PROTOCOL.md.");
        return null;
    }

    /// <summary>Only on the error path: tells malformed JSON (invalid UTF-8 included) from valid JSON of the wrong shape.</summary>
    private static bool IsWellFormed(in ReadOnlySequence<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    // The tokenizer leaves strings unchecked; transcoding them is what rejects invalid UTF-8.
                    reader.GetString();
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsBlank(in ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(line);
        reader.AdvancePastAny((byte)' ', (byte)'\t', (byte)'\r');
        return reader.End;
    }
}
