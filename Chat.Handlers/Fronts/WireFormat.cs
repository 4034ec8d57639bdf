using System.Buffers;
using Chat.Handlers.Protocol;
using Chat.Protocol;

namespace Chat.Handlers.Fronts;

/// <summary>
/// How a front writes events as frames. One instance per dialect, shared by every connection that speaks it, so a
/// broadcast is encoded once per instance (<see cref="OutgoingMessage"/>): a front whose bytes depend on a
/// connection's options (IRC capabilities) keeps one instance per combination.
/// </summary>
public abstract class WireFormat : IMessageWriter<ServerEvent>
{
    /// <summary>How many formats one process may create; each takes a slot of every <see cref="OutgoingMessage"/>.</summary>
    public const int MaxFormats = 16;

    private static int s_created;

    protected WireFormat()
    {
        Slot = Interlocked.Increment(ref s_created) - 1;
        if (Slot >= MaxFormats)
        {
            throw new InvalidOperationException($"At most {MaxFormats} wire formats can exist: they are meant to be singletons.");
        }
    }

    /// <summary>This format's index in every <see cref="OutgoingMessage"/>'s cache of encodings.</summary>
    public int Slot { get; }

    /// <summary>Whether a user's own room messages come back to them (JSON clients take the echo as acknowledgement).</summary>
    public abstract bool EchoesOwnMessages { get; }

    /// <summary>Whether clients answer a ping, so silence can be told from a dead peer (JSON Lines, IRC).</summary>
    public abstract bool AnswersPings { get; }

    public abstract void WriteMessage(ServerEvent message, IBufferWriter<byte> output);

    /// <summary>One event as a complete frame, in an array of its own (shared by every recipient).</summary>
    public byte[] Encode(ServerEvent serverEvent)
    {
        // A typed message is mostly its base64 data: size the buffer once instead of doubling up to it.
        var buffer = new ArrayBufferWriter<byte>(serverEvent is MessageEvent { Data: { } data } ? data.Length + 512 : 256);
        WriteMessage(serverEvent, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
