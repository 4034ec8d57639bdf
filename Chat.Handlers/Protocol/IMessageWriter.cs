using System.Buffers;

namespace Chat.Handlers.Protocol;

/// <summary>Writes one message, framed, to a buffer.</summary>
public interface IMessageWriter<in TMessage>
{
    void WriteMessage(TMessage message, IBufferWriter<byte> output);
}
