using System.Buffers;
using Chat.Protocol;

namespace Chat.Handlers.Formats;

/// <summary>
/// A front end's wire format: decodes a framed line into the one command model (<see cref="ClientMessage"/>)
/// and encodes server events. The chat core never knows which format a session speaks.
/// </summary>
public interface IWireFormat
{
    /// <summary>Small, unique index used to cache one encoding per format on each <see cref="OutgoingMessage"/>.</summary>
    int Slot { get; }

    string Name { get; }

    /// <summary>Whether a user's own room messages are sent back to them (JSON clients use the echo as acknowledgement).</summary>
    bool EchoesOwnMessages { get; }

    /// <summary>Whether lines may carry payloads (and so may be as long as <see cref="ChatOptions.MaxJsonLineBytes"/>).</summary>
    bool CarriesPayloads { get; }

    /// <summary>Whether clients answer a ping with a pong, so silence can be told from a dead peer (JSON Lines).</summary>
    bool AnswersPings { get; }

    /// <summary>Encodes one event as a complete frame (line ending included).</summary>
    byte[] Encode(ServerEvent serverEvent);

    /// <summary>
    /// Decodes one line; <paramref name="registered"/> tells whether the session has a name yet, for formats
    /// whose registration is implicit. Returns null with <paramref name="error"/> set for bad input, or null
    /// without an error for a line to ignore (blank).
    /// </summary>
    ClientMessage? Decode(in ReadOnlySequence<byte> line, bool registered, out ErrorEvent? error);
}
