using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Handlers.Events;
using Chat.Protocol;

namespace Chat.Redis;

/// <summary>An event as it travels between nodes: who published it and who hears it, by name.</summary>
/// <param name="Node">The publishing node; with <paramref name="Seq"/> it finds the waiting publisher on that node.</param>
/// <param name="Conversation">A direct message's accounts, which every node's history needs to keep it.</param>
internal sealed record EventEnvelope(
    string Node, long Seq, IReadOnlyList<string> Rooms, IReadOnlyList<string> Users, ServerEvent Event, DirectConversation? Conversation = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventEnvelope))]
internal sealed partial class ClusterJson : JsonSerializerContext;

/// <summary>
/// One message on the event channel, as the scripts publish it (<see cref="RedisScripts"/>):
/// <c>id \n ms \n envelope [\n topic]</c>.
/// </summary>
internal readonly record struct EventFrame(long Id, DateTimeOffset Ts, EventEnvelope Envelope, string? Topic)
{
    public static byte[] Serialize(EventEnvelope envelope) => JsonSerializer.SerializeToUtf8Bytes(envelope, ClusterJson.Default.EventEnvelope);

    /// <summary>Reads a frame; false when it is malformed (nothing but this cluster's nodes publishes here).</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out EventFrame parsed)
    {
        parsed = default;
        if (!TryTakeNumber(ref frame, out var id) || !TryTakeNumber(ref frame, out var ms))
        {
            return false;
        }

        var end = frame.IndexOf((byte)'\n');
        var json = end < 0 ? frame : frame[..end];
        string? topic = end < 0 ? null : Encoding.UTF8.GetString(frame[(end + 1)..]);
        EventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(json, ClusterJson.Default.EventEnvelope);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return false;
        }

        if (envelope?.Event is null)
        {
            return false;
        }

        parsed = new EventFrame(id, DateTimeOffset.FromUnixTimeMilliseconds(ms), envelope, topic);
        return true;
    }

    private static bool TryTakeNumber(ref ReadOnlySpan<byte> frame, out long value)
    {
        value = 0;
        var end = frame.IndexOf((byte)'\n');
        if (end < 0 || !Utf8Parser.TryParse(frame[..end], out value, out var consumed) || consumed != end)
        {
            return false;
        }

        frame = frame[(end + 1)..];
        return true;
    }
}
