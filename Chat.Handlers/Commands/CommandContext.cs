using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers.Commands;

/// <summary>What a command runs with: the session, the chat core and its arguments.</summary>
public sealed class CommandContext(ChatSession session, ChatService chat, CommandTable commands, string arguments, Room? room, IServiceProvider services)
{
    private string[]? _words;

    public ChatSession Session { get; } = session;

    public ChatService Chat { get; } = chat;

    public CommandTable Commands { get; } = commands;

    /// <summary>Everything after the command name, trimmed.</summary>
    public string Arguments { get; } = arguments;

    public IReadOnlyList<string> Words => _words ??= Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The room the command was sent from: the JSON <c>room</c> field, else the current room.</summary>
    public Room? Room { get; } = room;

    public IServiceProvider Services { get; } = services;

    /// <summary>The arguments after the first <paramref name="words"/> words, as typed.</summary>
    public string Rest(int words)
    {
        var rest = Arguments.AsSpan();
        for (var i = 0; i < words && !rest.IsEmpty; i++)
        {
            var space = rest.IndexOfAny(' ', '\t');
            rest = space < 0 ? [] : rest[(space + 1)..].TrimStart();
        }

        return rest.ToString();
    }

    public void Reply(ServerEvent serverEvent) => Session.Send(serverEvent);

    public void Reply(string text) => Reply(new InfoEvent(text));

    /// <summary>Sends the error of a core operation, if it had one.</summary>
    public void ReplyIfError(ErrorEvent? error)
    {
        if (error is not null)
        {
            Reply(error);
        }
    }

    /// <summary>The room a command names ('#dev' or 'dev'), or the context's room when none is named.</summary>
    public Room? RoomOrCurrent(string? named)
    {
        if (named is not null)
        {
            var room = Chat.FindJoinedRoom(Session, named, out var error);
            ReplyIfError(error);
            return room;
        }

        if (Room is null)
        {
            Reply(new ErrorEvent(ErrorCodes.NotInRoom, "You are in no room; /join one first."));
        }

        return Room;
    }
}
