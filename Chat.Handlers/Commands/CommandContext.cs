using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers.Commands;

/// <summary>What a custom command runs with: the session, the chat core and its arguments.</summary>
public sealed class CommandContext(ChatSession session, ChatService chat, string arguments, Room? room, IServiceProvider services)
{
    private string[]? _words;

    public ChatSession Session { get; } = session;

    public ChatService Chat { get; } = chat;

    /// <summary>Everything after the command name, trimmed.</summary>
    public string Arguments { get; } = arguments;

    public IReadOnlyList<string> Words => _words ??= Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The room the command was sent from (a JSON command's <c>room</c>, else the current room); null in none.</summary>
    public Room? Room { get; } = room;

    public IServiceProvider Services { get; } = services;

    public void Reply(ServerEvent serverEvent) => Session.Send(serverEvent);

    /// <summary>A notice in the command's own words.</summary>
    public void Reply(string text) => Reply(new InfoEvent(text));

    /// <summary>The context's room, or tells the user they are in none.</summary>
    public Room? RequireRoom()
    {
        if (Room is null)
        {
            Reply(new ChatError(ErrorCodes.NotInRoom));
        }

        return Room;
    }
}
