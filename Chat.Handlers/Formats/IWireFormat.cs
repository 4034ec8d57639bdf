using System.Buffers;
using Chat.Handlers.Protocol;
using Chat.Protocol;

namespace Chat.Handlers.Formats;

/// <summary>
/// A front end's wire format: decodes a framed line into the one command model (<see cref="ClientMessage"/>)
/// and writes server events as frames (<see cref="IMessageWriter{TMessage}"/>). The chat core never knows which
/// format a session speaks.
/// </summary>
public interface IWireFormat : IMessageWriter<ServerEvent>
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

    /// <summary>
    /// Decodes one line; <paramref name="registered"/> tells whether the session has a name yet, for formats
    /// whose registration is implicit. Returns null only with <paramref name="error"/> set. A blank line is a
    /// <see cref="SayMessage"/> with blank text, so it still counts against the flood limit before it is dropped.
    /// </summary>
    ClientMessage? Decode(in ReadOnlySequence<byte> line, bool registered, out ErrorEvent? error);
}
