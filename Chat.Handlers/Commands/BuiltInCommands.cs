using Chat.Protocol;

namespace Chat.Handlers.Commands;

/// <summary>
/// The built-in commands as <c>/help</c> lists them. Each is a typed command (<see cref="ClientMessage"/>) that the
/// core runs; the usage is written in the text front's slash syntax, the one people type.
/// </summary>
public static class BuiltInCommands
{
    public static IReadOnlyList<CommandInfo> All { get; } =
    [
        new("help", "/help [COMMAND]", "List the commands, or explain one."),
        new("who", "/who [ROOM]", "List the members of a room (default: the current room)."),
        new("rooms", "/rooms", "List the rooms with their member counts and topics."),
        new("join", "/join ROOM [KEY]", "Join a room (created if new) and talk there; a keyed room needs its key."),
        new("leave", "/leave [ROOM] [REASON]", "Leave a room (default: the current room), saying why if you like."),
        new("switch", "/switch ROOM", "Send your plain lines to another room you are in."),
        new("topic", "/topic [#ROOM] [TEXT]", "Show a room's topic, or set it (a room is named with '#')."),
        new("history", "/history [#ROOM|ACCOUNT] [before ID] [N]",
            "Show a room's last N messages (default 20), or the N before message ID; with an account, your direct messages with it."),
        new("msg", "/msg NAME TEXT", "Send a private message to one user."),
        new("me", "/me TEXT", "Describe an action, for example /me waves."),
        new("nick", "/nick NEW", "Change your name."),
        new("quit", "/quit [REASON]", "Leave the chat."),
        new("register", "/register PASSWORD", "Register your current name as an account with this password."),
        new("login", "/login NAME PASSWORD", "Log in to your account and take its name."),
        new("password", "/password OLD NEW", "Change your account's password."),
        new("room", "/room register [#ROOM]", "Own a room (default: the current room); you must be logged in."),
        new("op", "/op ACCOUNT [#ROOM]", "As a room's owner, make an account its operator."),
        new("deop", "/deop ACCOUNT [#ROOM]", "As a room's owner, take an account's operator rights."),
        new("kick", "/kick NAME [REASON]", "As an operator, remove a user from the current room."),
        new("ban", "/ban MASK [REASON]", "As an operator, ban an account or name, a name pattern (spam*) or an address (203.0.113.0/24) from the current room."),
        new("unban", "/unban MASK", "As an operator, lift a ban in the current room."),
        new("mute", "/mute NAME [DURATION]", "As an operator, silence a member of the current room, for 90s, 10m, 2h, 7d or until /unmute."),
        new("unmute", "/unmute NAME", "As an operator, lift a mute in the current room."),
        new("voice", "/voice ACCOUNT", "As an operator, let an account speak in the current room while it is moderated."),
        new("devoice", "/devoice ACCOUNT", "As an operator, take an account's voice in the current room."),
        new("invite", "/invite NAME", "As an operator, let a user join the current room once, past invite-only, key and bans."),
        new("mode", "/mode [#ROOM] +i|-i|+k KEY|-k|+m|-m|+t|-t",
            "As an operator, set a room invite-only (i), keyed (k), moderated (m: only operators and voiced accounts speak) or its topic locked to operators (t)."),
        new("kill", "/kill NAME [REASON]", "As a server operator, disconnect a user."),
        new("gban", "/gban MASK [REASON]", "As a server operator, ban a mask (as /ban) from the whole server."),
        new("ungban", "/ungban MASK", "As a server operator, lift a server ban."),
        new("announce", "/announce TEXT", "As a server operator, tell every user something."),
    ];

    /// <summary>The usage line of a built-in command, which a refusal of its arguments shows.</summary>
    public static string Usage(string name) => All.First(c => c.Name == name).Usage;
}
