using System.Text;
using System.Text.Json.Serialization;

namespace Chat.Protocol;

/// <summary>
/// A command a client sends: the one command model every front decodes its input into. In JSON Lines mode each is
/// one object per line, discriminated by <c>type</c>; a text user's slash commands become the same records.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HelloMessage), "hello")]
[JsonDerivedType(typeof(SayMessage), "say")]
[JsonDerivedType(typeof(ActionMessage), "action")]
[JsonDerivedType(typeof(JoinMessage), "join")]
[JsonDerivedType(typeof(LeaveMessage), "leave")]
[JsonDerivedType(typeof(SwitchMessage), "switch")]
[JsonDerivedType(typeof(TopicMessage), "topic")]
[JsonDerivedType(typeof(NickMessage), "nick")]
[JsonDerivedType(typeof(WhoMessage), "who")]
[JsonDerivedType(typeof(RoomsMessage), "rooms")]
[JsonDerivedType(typeof(HelpMessage), "help")]
[JsonDerivedType(typeof(QuitMessage), "quit")]
[JsonDerivedType(typeof(HistoryMessage), "history")]
[JsonDerivedType(typeof(CommandMessage), "command")]
[JsonDerivedType(typeof(PongMessage), "pong")]
[JsonDerivedType(typeof(RegisterMessage), "register")]
[JsonDerivedType(typeof(LoginMessage), "login")]
[JsonDerivedType(typeof(PasswordMessage), "password")]
[JsonDerivedType(typeof(RoomRegisterMessage), "room_register")]
[JsonDerivedType(typeof(OpMessage), "op")]
[JsonDerivedType(typeof(DeopMessage), "deop")]
[JsonDerivedType(typeof(KickMessage), "kick")]
[JsonDerivedType(typeof(BanMessage), "ban")]
[JsonDerivedType(typeof(UnbanMessage), "unban")]
[JsonDerivedType(typeof(MuteMessage), "mute")]
[JsonDerivedType(typeof(UnmuteMessage), "unmute")]
[JsonDerivedType(typeof(VoiceMessage), "voice")]
[JsonDerivedType(typeof(DevoiceMessage), "devoice")]
[JsonDerivedType(typeof(InviteMessage), "invite")]
[JsonDerivedType(typeof(ModeMessage), "mode")]
[JsonDerivedType(typeof(KillMessage), "kill")]
[JsonDerivedType(typeof(ServerBanMessage), "gban")]
[JsonDerivedType(typeof(ServerUnbanMessage), "ungban")]
[JsonDerivedType(typeof(AnnounceMessage), "announce")]
public abstract record ClientMessage;

/// <summary>
/// The first message of a JSON Lines connection: registers <see cref="Name"/>, logged in to the account of that name
/// when <see cref="Password"/> is given.
/// </summary>
public sealed record HelloMessage(string Name) : ClientMessage
{
    public string? Password { get; init; }

    // Records print every property: a password must never reach a log through ToString.
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name);
        return true;
    }
}

/// <summary>
/// A line of chat. <see cref="Room"/> defaults to the current room; <see cref="To"/> makes it a direct message
/// instead. With <see cref="Data"/> it carries a typed payload (base64) and <see cref="Text"/> is an optional caption,
/// which the wire may leave out; a say without a payload needs its text.
/// </summary>
public sealed record SayMessage(string Text = "", string? Room = null) : ClientMessage
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

/// <summary>An action in a room (<c>/me waves</c>); <see cref="Room"/> defaults to the current room.</summary>
public sealed record ActionMessage(string Text, string? Room = null) : ClientMessage;

/// <summary>Joins a room (created if new) and makes it the current room; <see cref="Key"/> opens a keyed room.</summary>
public sealed record JoinMessage(string Room) : ClientMessage
{
    public string? Key { get; init; }

    // A room key is a password: never printed into a log.
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Room = ").Append(Room);
        return true;
    }
}

/// <summary>Leaves a room (default: the current room).</summary>
public sealed record LeaveMessage(string? Room = null, string? Reason = null) : ClientMessage;

/// <summary>Makes a room the user is in the current room.</summary>
public sealed record SwitchMessage(string Room) : ClientMessage;

/// <summary>Sets a room's topic, or asks for it when <see cref="Topic"/> is null; <see cref="Room"/> defaults to the current room.</summary>
public sealed record TopicMessage(string? Room = null, string? Topic = null) : ClientMessage;

public sealed record NickMessage(string Name) : ClientMessage;

/// <summary>Asks for a room's members (default: the current room); the reply is a <see cref="WhoEvent"/>.</summary>
public sealed record WhoMessage(string? Room = null) : ClientMessage;

/// <summary>Asks for the list of rooms; the reply is a <see cref="RoomsEvent"/>.</summary>
public sealed record RoomsMessage : ClientMessage;

/// <summary>Asks for the commands, or one of them; the reply is a <see cref="HelpEvent"/>.</summary>
public sealed record HelpMessage(string? Command = null) : ClientMessage;

public sealed record QuitMessage(string? Reason = null) : ClientMessage;

/// <summary>
/// Asks for a room's earlier messages (default: the current room, which the user must be in): the newest
/// <see cref="Limit"/> (default 20, capped by the server) with ids below <see cref="Before"/>, or the newest of all.
/// With <see cref="With"/> (an account) it asks instead for the direct messages between the sender's account and that
/// one. The reply is a <see cref="HistoryEvent"/>.
/// </summary>
public sealed record HistoryMessage(string? Room = null, long? Before = null, int? Limit = null) : ClientMessage
{
    public string? With { get; init; }
}

/// <summary>A custom command (added by the host) with its arguments as typed; <see cref="Room"/> defaults to the current room.</summary>
public sealed record CommandMessage(string Name, string Args = "", string? Room = null) : ClientMessage;

public sealed record PongMessage : ClientMessage;

/// <summary>Claims the sender's current name as an account with <see cref="Password"/>.</summary>
public sealed record RegisterMessage(string Password) : ClientMessage
{
    protected override bool PrintMembers(StringBuilder builder) => false;
}

/// <summary>Logs in to the account <see cref="Name"/> and takes that name (before registering, it registers).</summary>
public sealed record LoginMessage(string Name, string Password) : ClientMessage
{
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name);
        return true;
    }
}

/// <summary>Changes the password of the account the sender is logged in to.</summary>
public sealed record PasswordMessage(string OldPassword, string NewPassword) : ClientMessage
{
    protected override bool PrintMembers(StringBuilder builder) => false;
}

/// <summary>Makes the sender's account the owner of a room they are in (default: the current room).</summary>
public sealed record RoomRegisterMessage(string? Room = null) : ClientMessage;

/// <summary>The room's owner makes the account <see cref="Name"/> an operator of the room (default: the current room).</summary>
public sealed record OpMessage(string Name, string? Room = null) : ClientMessage;

/// <summary>The room's owner takes operator rights from the account <see cref="Name"/>.</summary>
public sealed record DeopMessage(string Name, string? Room = null) : ClientMessage;

/// <summary>An operator removes the user <see cref="Name"/> from a room (default: the current room).</summary>
public sealed record KickMessage(string Name, string? Reason = null, string? Room = null) : ClientMessage;

/// <summary>
/// An operator bans <see cref="Mask"/> from a room (default: the current room): an account or name (<c>bob</c>), a
/// name pattern with <c>*</c> and <c>?</c> (<c>spam*</c>), or an address or network (<c>203.0.113.7</c>,
/// <c>203.0.113.0/24</c>). Members it matches are removed.
/// </summary>
public sealed record BanMessage(string Mask, string? Reason = null, string? Room = null) : ClientMessage;

public sealed record UnbanMessage(string Mask, string? Room = null) : ClientMessage;

/// <summary>
/// An operator silences the member <see cref="Name"/> in a room for <see cref="Duration"/> (<c>90s</c>, <c>10m</c>,
/// <c>2h</c>, <c>1d</c>), or until unmuted when it is null.
/// </summary>
public sealed record MuteMessage(string Name, string? Duration = null, string? Room = null) : ClientMessage;

public sealed record UnmuteMessage(string Name, string? Room = null) : ClientMessage;

/// <summary>An operator lets the account <see cref="Name"/> speak in a moderated room.</summary>
public sealed record VoiceMessage(string Name, string? Room = null) : ClientMessage;

public sealed record DevoiceMessage(string Name, string? Room = null) : ClientMessage;

/// <summary>An operator invites the user <see cref="Name"/> into a room: they may join it once, past invite-only, key and bans.</summary>
public sealed record InviteMessage(string Name, string? Room = null) : ClientMessage;

/// <summary>
/// An operator changes one of a room's rules (<see cref="Mode"/>): <c>+i</c>/<c>-i</c> invite-only, <c>+k</c>/<c>-k</c> a
/// key to join (<see cref="Key"/>), <c>+m</c>/<c>-m</c> moderated, <c>+t</c>/<c>-t</c> topic locked to operators.
/// </summary>
public sealed record ModeMessage(string Mode, string? Room = null) : ClientMessage
{
    public string? Key { get; init; }

    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Mode = ").Append(Mode).Append(", Room = ").Append(Room);
        return true;
    }
}

/// <summary>A server operator disconnects the user <see cref="Name"/>.</summary>
public sealed record KillMessage(string Name, string? Reason = null) : ClientMessage;

/// <summary>A server operator bans <see cref="Mask"/> (as <see cref="BanMessage"/>) from the whole server.</summary>
public sealed record ServerBanMessage(string Mask, string? Reason = null) : ClientMessage;

public sealed record ServerUnbanMessage(string Mask) : ClientMessage;

/// <summary>A server operator tells every user something.</summary>
public sealed record AnnounceMessage(string Text) : ClientMessage;
