using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chat.Protocol;

/// <summary>Source-generated serialization for the JSON Lines protocol: camelCase, nulls omitted, <c>type</c> may come anywhere in an object.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ServerEvent))]
[JsonSerializable(typeof(ClientMessage))]
public sealed partial class ProtocolJson : JsonSerializerContext
{
    /// <summary>How both sides write a line.</summary>
    /// <remarks>
    /// The default encoder escapes '+' as \u002B for HTML's sake: six bytes for one base64 character, which pushes a
    /// payload at the size limit over the line limit. A JSON line is never HTML; quotes and controls stay escaped.
    /// </remarks>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads one JSON Lines object sent by a client; throws <see cref="JsonException"/> on malformed input.</summary>
    public static ClientMessage? ReadClientMessage(ReadOnlySpan<byte> utf8Line) =>
        JsonSerializer.Deserialize(utf8Line, Default.ClientMessage);

    /// <summary>Reads one JSON Lines object sent by the server; null for an event type this version does not know.</summary>
    public static ServerEvent? ReadServerEvent(ReadOnlySpan<byte> utf8Line)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Line, Default.ServerEvent);
        }
        catch (NotSupportedException)
        {
            // An unknown "type" cannot become the abstract base: newer servers may add events.
            return null;
        }
    }
}
