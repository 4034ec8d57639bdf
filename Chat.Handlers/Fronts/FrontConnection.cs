using System.Buffers;
using Chat.Handlers.Protocol;
using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers.Fronts;

/// <summary>
/// One connection's protocol: framing, the registration dialogue, decoding input into typed commands, and the wire
/// format its session's events are written in. It may keep state (a format chosen by the first line, IRC's NICK and
/// USER). Called from the connection's read loop only.
/// </summary>
public abstract class FrontConnection(ChatSession session)
{
    protected ChatSession Session { get; } = session;

    /// <summary>How frames are cut from the input; lines by default.</summary>
    public virtual IMessageReader<ReadOnlySequence<byte>> Framing => LineReader.Instance;

    /// <summary>The longest frame accepted now, its ending included; it may grow once the user is registered.</summary>
    public abstract int MaxFrameBytes { get; }

    /// <summary>Says hello (the greeting) once the connection is open.</summary>
    public abstract void Start();

    /// <summary>
    /// Decodes one frame into a command. Returns null with <paramref name="error"/> set for bad input, or null with no
    /// error for a frame the front handled itself (part of its own dialogue).
    /// </summary>
    public abstract ClientMessage? Decode(in ReadOnlySequence<byte> frame, out ChatError? error);
}
