using System.Text.Json.Serialization;

namespace Chat.Protocol;

/// <summary>A message a JSON Lines client sends, discriminated by <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HelloMessage), "hello")]
[JsonDerivedType(typeof(SayMessage), "say")]
[JsonDerivedType(typeof(PongMessage), "pong")]
public abstract record ClientMessage;

/// <summary>The first message of a JSON Lines connection: registers <see cref="Name"/>.</summary>
public sealed record HelloMessage(string Name) : ClientMessage;

/// <summary>
/// A line of chat; slash commands inside <see cref="Text"/> work as in text mode. <see cref="Room"/> defaults to
/// the current room; <see cref="To"/> makes it a direct message instead. With <see cref="Data"/> it carries a
/// typed payload (base64) and <see cref="Text"/> is an optional caption.
/// </summary>
public sealed record SayMessage(string Text, string? Room = null) : ClientMessage
{
    public string? To { get; init; }

    /// <summary>The payload's MIME type; <c>text/plain</c> when omitted.</summary>
    public string? ContentType { get; init; }

    /// <summary>The payload, base64-encoded.</summary>
    public string? Data { get; init; }

    /// <summary>A file name to show and to suggest when saving; never a path.</summary>
    public string? Name { get; init; }

    [JsonIgnore]
    public bool HasPayload => Data is not null;
}

public sealed record PongMessage : ClientMessage;
