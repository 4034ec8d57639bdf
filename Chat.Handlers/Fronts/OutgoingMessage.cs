using Chat.Protocol;

namespace Chat.Handlers.Fronts;

/// <summary>
/// An event on its way to one or many sessions. Each wire format encodes it at most once, lazily, and every
/// recipient of that format gets the same bytes.
/// </summary>
public sealed class OutgoingMessage(ServerEvent serverEvent)
{
    private readonly byte[]?[] _encoded = new byte[WireFormat.MaxFormats][];

    public ServerEvent Event { get; } = serverEvent;

    public ReadOnlyMemory<byte> GetBytes(WireFormat format)
    {
        ref var slot = ref _encoded[format.Slot];
        // A race may encode twice; both results are equal and the first one stored wins.
        return Volatile.Read(ref slot) ?? Interlocked.CompareExchange(ref slot, format.Encode(Event), null) ?? slot!;
    }
}
