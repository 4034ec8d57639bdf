using Chat.Protocol;

namespace Chat.Handlers;

/// <summary>
/// A refusal or failure as the core reports it: a stable <see cref="Code"/> (<see cref="ErrorCodes"/>) and the data it
/// is about, never a sentence. Each front words it (<see cref="Fronts.ErrorText"/>) or maps it (an IRC numeric).
/// </summary>
/// <param name="Subject">What the error is about: a name, a room, a command, a content type, a reason.</param>
/// <param name="Limit">The limit that was hit, where there is one.</param>
/// <param name="Actual">The value that broke it, or a second limit.</param>
public sealed record ChatError(string Code, string? Subject = null, long? Limit = null, long? Actual = null) : ServerEvent
{
    /// <summary>The <see cref="Detail"/> of a <c>name_invalid</c> for a name that follows the rules but is reserved.</summary>
    public const string Reserved = "reserved";

    /// <summary>Further data, such as the allowed content types.</summary>
    public string? Detail { get; init; }

    /// <summary>Set while registering: the front asks for another name.</summary>
    public bool Retry { get; init; }
}

/// <summary>The room plain lines go to has changed; null when the user is in no room.</summary>
public sealed record CurrentRoomEvent(string? Room) : ServerEvent;

/// <summary>The user asked to quit; the connection closes after this.</summary>
public sealed record GoodbyeEvent : ServerEvent;
