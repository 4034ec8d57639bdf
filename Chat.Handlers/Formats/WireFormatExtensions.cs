using System.Buffers;
using Chat.Protocol;

namespace Chat.Handlers.Formats;

public static class WireFormatExtensions
{
    /// <summary>One event as a complete frame, in an array of its own (shared by every recipient).</summary>
    public static byte[] Encode(this IWireFormat format, ServerEvent serverEvent)
    {
        // A typed message is mostly its base64 data: size the buffer once instead of doubling up to it.
        var buffer = new ArrayBufferWriter<byte>(serverEvent is MessageEvent { Data: { } data } ? data.Length + 512 : 256);
        format.WriteMessage(serverEvent, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
