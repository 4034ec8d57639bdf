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
        new("join", "/join ROOM", "Join a room (created if new) and talk there."),
        new("leave", "/leave [ROOM] [REASON]", "Leave a room (default: the current room), saying why if you like."),
        new("switch", "/switch ROOM", "Send your plain lines to another room you are in."),
        new("topic", "/topic [#ROOM] [TEXT]", "Show a room's topic, or set it (a room is named with '#')."),
        new("history", "/history [#ROOM] [before ID] [N]", "Show a room's last N messages (default 20), or the N before message ID."),
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
    ];

    /// <summary>The usage line of a built-in command, which a refusal of its arguments shows.</summary>
    public static string Usage(string name) => All.First(c => c.Name == name).Usage;
}
