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

/// <summary>A line of chat; slash commands inside <see cref="Text"/> work as in text mode. <see cref="Room"/> defaults to the current room.</summary>
public sealed record SayMessage(string Text, string? Room = null) : ClientMessage;

public sealed record PongMessage : ClientMessage;
