using System.Buffers;

namespace Chat.Handlers.Formats;

/// <summary>The formats of the chat port, chosen per connection by its first line.</summary>
public static class WireFormats
{
    /// <summary>How many formats <see cref="OutgoingMessage"/> caches encodings for.</summary>
    public const int SlotCount = 4;

    public static TextFormat Text { get; } = new();

    public static JsonLinesFormat JsonLines { get; } = new();

    /// <summary>A first line that is a JSON object switches the connection to JSON Lines.</summary>
    public static IWireFormat Detect(in ReadOnlySequence<byte> firstLine)
    {
        var reader = new SequenceReader<byte>(firstLine);
        reader.AdvancePastAny((byte)' ', (byte)'\t');
        return reader.TryPeek(out var first) && first == (byte)'{' ? JsonLines : Text;
    }
}
