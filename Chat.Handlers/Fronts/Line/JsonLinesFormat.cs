using System.Buffers;
using System.Text.Json;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Line;

/// <summary>JSON Lines for programs: one object per line both ways, typed by <c>type</c> (docs/PROTOCOL.md).</summary>
public sealed class JsonLinesFormat : WireFormat
{
    public static JsonLinesFormat Instance { get; } = new();

    private JsonLinesFormat()
    {
    }

    public override bool EchoesOwnMessages => true;

    public override bool AnswersPings => true;

    public override void WriteMessage(ServerEvent message, IBufferWriter<byte> output)
    {
        using (var writer = new Utf8JsonWriter(output, ProtocolJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, ToWire(message), ProtocolJson.Default.ServerEvent);
        }

        output.Write("\n"u8);
    }

    /// <summary>The core's own events in the objects JSON clients have always read.</summary>
    private static ServerEvent ToWire(ServerEvent message) => message switch
    {
        ChatError error => ErrorText.ToEvent(error),
        CurrentRoomEvent current => new InfoEvent(TextFormat.CurrentRoomText(current), current.Room),
        GoodbyeEvent => new InfoEvent(TextFormat.GoodbyeText),
        _ => message,
    };

    /// <summary>
    /// One line as a command, as every JSON client's line is read: a <c>say</c> to a room runs slash commands as a
    /// text line does; a payload's caption and a direct message never.
    /// </summary>
    public static ClientMessage? DecodeCommand(in ReadOnlySequence<byte> line, out ChatError? error) => Decode(line, out error) switch
    {
        SayMessage { HasPayload: false, To: null } say => SlashCommands.Parse(say.Text, say.Room, out error),
        var message => message,
    };

    /// <summary>
    /// One line as a command: the object with a known <c>type</c> and nothing after it. Reads straight from the pipe's
    /// segments: a payload line is large, and copying it would be waste.
    /// </summary>
    public static ClientMessage? Decode(in ReadOnlySequence<byte> line, out ChatError? error)
    {
        error = null;
        var reader = new Utf8JsonReader(line);
        try
        {
            var message = JsonSerializer.Deserialize(ref reader, ProtocolJson.Default.ClientMessage);
            if (message is not null && LineConnection.IsBlank(line.Slice(reader.BytesConsumed)))
            {
                // Only a payload's caption may be left out: a say of nothing is a request missing its field.
                if (message is SayMessage { Text.Length: 0, HasPayload: false } && !HasProperty(line, "text"u8))
                {
                    error = new ChatError(ErrorCodes.BadRequest);
                    return null;
                }

                return message;
            }

            if (message is not null)
            {
                error = new ChatError(ErrorCodes.BadJson);
                return null;
            }
        }
        catch (JsonException) when (IsWellFormed(line))
        {
            // Well-formed JSON the model rejects: a required field is missing or null.
        }
        catch (JsonException ex)
        {
            error = new ChatError(ErrorCodes.BadJson, Limit: ex.BytePositionInLine ?? 0);
            return null;
        }
        catch (NotSupportedException)
        {
            // An unknown or missing "type": the abstract model cannot be created.
        }

        error = new ChatError(ErrorCodes.BadRequest);
        return null;
    }

    /// <summary>Whether the line's object has the property <paramref name="name"/> at its top level (the line is known to be well-formed).</summary>
    private static bool HasProperty(in ReadOnlySequence<byte> line, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(line);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name))
            {
                return true;
            }

            reader.Skip();
        }

        return false;
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
}
