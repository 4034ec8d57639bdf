using System.Text.Json.Serialization;

namespace Chat.Protocol;

/// <summary>An event the server sends; in JSON Lines mode one object per line, discriminated by <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(WelcomeEvent), "welcome")]
[JsonDerivedType(typeof(MessageEvent), "message")]
[JsonDerivedType(typeof(ActionEvent), "action")]
[JsonDerivedType(typeof(JoinEvent), "join")]
[JsonDerivedType(typeof(LeaveEvent), "leave")]
[JsonDerivedType(typeof(QuitEvent), "quit")]
[JsonDerivedType(typeof(NickEvent), "nick")]
[JsonDerivedType(typeof(TopicEvent), "topic")]
[JsonDerivedType(typeof(HistoryEvent), "history")]
[JsonDerivedType(typeof(WhoEvent), "who")]
[JsonDerivedType(typeof(RoomsEvent), "rooms")]
[JsonDerivedType(typeof(HelpEvent), "help")]
[JsonDerivedType(typeof(InfoEvent), "info")]
[JsonDerivedType(typeof(ErrorEvent), "error")]
[JsonDerivedType(typeof(PingEvent), "ping")]
[JsonDerivedType(typeof(ShutdownEvent), "shutdown")]
[JsonDerivedType(typeof(AccountEvent), "account")]
[JsonDerivedType(typeof(KickEvent), "kick")]
[JsonDerivedType(typeof(RoomModeEvent), "mode")]
[JsonDerivedType(typeof(KillEvent), "kill")]
[JsonDerivedType(typeof(AnnouncementEvent), "announcement")]
[JsonDerivedType(typeof(ServerBanEvent), "server_ban")]
public abstract record ServerEvent;

/// <summary>Registration succeeded; <see cref="Room"/> is the room plain messages go to.</summary>
public sealed record WelcomeEvent(string Name, string Room, string Server) : ServerEvent;

/// <summary>
/// A chat message in a room, or a direct message when <see cref="To"/> is set (then <see cref="Room"/> is null).
/// A typed message also carries <see cref="ContentType"/>, <see cref="Data"/> (base64), <see cref="Size"/> (decoded
/// bytes) and maybe a file <see cref="Name"/>.
/// </summary>
/// <remarks>Fields the wire may omit (null ones) come last with defaults: the reader requires every parameter without one.</remarks>
public sealed record MessageEvent(long Id, DateTimeOffset Ts, string From, string Text, string? Room = null, string? To = null) : ServerEvent
{
    public string? ContentType { get; init; }

    public string? Data { get; init; }

    public string? Name { get; init; }

    public long? Size { get; init; }
}

/// <summary>An action (<c>/me waves</c>).</summary>
public sealed record ActionEvent(long Id, DateTimeOffset Ts, string Room, string From, string Text) : ServerEvent;

public sealed record JoinEvent(string Room, string Name) : ServerEvent;

public sealed record LeaveEvent(string Room, string Name, string? Reason = null) : ServerEvent;

/// <summary>A user left the server; sent once to each user who shared a room with them.</summary>
public sealed record QuitEvent(string Name, string? Reason = null) : ServerEvent;

/// <summary>A user changed name; sent once to each user who shares a room with them, and to themselves.</summary>
public sealed record NickEvent(string OldName, string NewName) : ServerEvent;

/// <summary>
/// A room's topic, when it is set or asked for; <see cref="Topic"/> null means none. A change (with <see cref="By"/>)
/// carries its place in the room's order: <see cref="Id"/> and <see cref="Ts"/>.
/// </summary>
public sealed record TopicEvent(string Room, string? Topic = null, string? By = null) : ServerEvent
{
    public long? Id { get; init; }

    public DateTimeOffset? Ts { get; init; }
}

/// <summary>
/// A room's earlier messages, actions and topic changes, oldest first, each as it was sent live (with its id and
/// time): on joining, or in answer to a <see cref="HistoryMessage"/>. <see cref="More"/> when older ones remain; ask
/// for them with <c>before</c> set to the first one's id. Direct messages with an account come with <see cref="With"/>
/// set and no <see cref="Room"/>.
/// </summary>
public sealed record HistoryEvent(string? Room, IReadOnlyList<ServerEvent> Messages, bool More) : ServerEvent
{
    public string? With { get; init; }
}

/// <summary>
/// A room's members; <see cref="Secure"/> names those connected over TLS, <see cref="Operators"/> the room's operators
/// among them (each absent from servers that predate it).
/// </summary>
public sealed record WhoEvent(string Room, IReadOnlyList<string> Members, IReadOnlyList<string>? Secure = null) : ServerEvent
{
    public IReadOnlyList<string>? Operators { get; init; }

    /// <summary>Members who may speak in a moderated room without being operators.</summary>
    public IReadOnlyList<string>? Voiced { get; init; }
}

public sealed record RoomInfo(string Name, int Members, string? Topic = null);

public sealed record RoomsEvent(IReadOnlyList<RoomInfo> Rooms) : ServerEvent;

public sealed record CommandInfo(string Name, string Usage, string Help);

public sealed record HelpEvent(IReadOnlyList<CommandInfo> Commands) : ServerEvent;

/// <summary>A server notice addressed to one user (the greeting, command replies, a switch of room).</summary>
public sealed record InfoEvent(string Text, string? Room = null) : ServerEvent;

/// <summary>A refusal or failure, with a stable machine-readable <see cref="Code"/> (see <see cref="ErrorCodes"/>).</summary>
public sealed record ErrorEvent(string Code, string Message) : ServerEvent;

/// <summary>Keepalive: the client answers with <c>{"type":"pong"}</c>.</summary>
public sealed record PingEvent : ServerEvent;

/// <summary>The server is stopping; the connection closes right after.</summary>
public sealed record ShutdownEvent(string Reason) : ServerEvent;

/// <summary>
/// A change in the recipient's account (<see cref="AccountStatus"/>). With <c>login_required</c>, <see cref="Seconds"/>
/// is how long the user has to log in before they are renamed.
/// </summary>
public sealed record AccountEvent(string Name, string Status, int? Seconds = null) : ServerEvent;

/// <summary>The <c>status</c> values of <see cref="AccountEvent"/>.</summary>
public static class AccountStatus
{
    public const string Registered = "registered";
    public const string LoggedIn = "logged_in";
    public const string PasswordChanged = "password_changed";
    public const string LoginRequired = "login_required";
}

/// <summary><see cref="By"/> removed <see cref="Name"/> from <see cref="Room"/>; sent to the room, the kicked user included.</summary>
public sealed record KickEvent(string Room, string Name, string By, string? Reason = null) : ServerEvent;

/// <summary>
/// A change to a room's rules (<see cref="RoomModes"/>) by <see cref="By"/>, about <see cref="Target"/> where there is
/// one, for <see cref="Reason"/> where one was given. <see cref="Until"/> ends a timed mute.
/// </summary>
public sealed record RoomModeEvent(string Room, string By, string Mode, string? Target = null) : ServerEvent
{
    public string? Reason { get; init; }

    public DateTimeOffset? Until { get; init; }
}

/// <summary>The <c>mode</c> values of <see cref="RoomModeEvent"/>.</summary>
public static class RoomModes
{
    public const string Registered = "registered";
    public const string Op = "op";
    public const string Deop = "deop";
    public const string Ban = "ban";
    public const string Unban = "unban";
    public const string Mute = "mute";
    public const string Unmute = "unmute";
    public const string Voice = "voice";
    public const string Devoice = "devoice";

    /// <summary>Sent to the room and to the invited user.</summary>
    public const string Invite = "invite";

    public const string InviteOnly = "+i";
    public const string NotInviteOnly = "-i";

    /// <summary>A key is needed to join; the event never carries it.</summary>
    public const string Keyed = "+k";

    public const string NotKeyed = "-k";
    public const string Moderated = "+m";
    public const string NotModerated = "-m";
    public const string TopicLocked = "+t";
    public const string TopicUnlocked = "-t";

    /// <summary>The flag modes a <see cref="ModeMessage"/> may set.</summary>
    public static IReadOnlyList<string> Flags { get; } =
        [InviteOnly, NotInviteOnly, Keyed, NotKeyed, Moderated, NotModerated, TopicLocked, TopicUnlocked];
}

/// <summary>A server operator (<see cref="By"/>) disconnected <see cref="Name"/>; sent to them and to those who shared a room.</summary>
public sealed record KillEvent(string Name, string By, string? Reason = null) : ServerEvent;

/// <summary>A server operator's announcement to every user.</summary>
public sealed record AnnouncementEvent(string By, string Text) : ServerEvent;

/// <summary>A server operator (<see cref="By"/>) banned <see cref="Mask"/> from the server, or <see cref="Lifted"/> the ban; sent to them.</summary>
public sealed record ServerBanEvent(string Mask, string By, bool Lifted = false) : ServerEvent
{
    public string? Reason { get; init; }
}
