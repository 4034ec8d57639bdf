using Chat.Handlers.Formats;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Chat.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers;

/// <summary>
/// The chat core's operations, used by filters and commands alike: registration, rooms, messages and the
/// notices each change owes to the users who can see it. Knows nothing of transports or wire formats.
/// </summary>
public sealed partial class ChatService(
    RoomRegistry rooms, UserDirectory users, IOptions<ChatOptions> options, TimeProvider time, ILogger<ChatService> logger)
{
    private readonly ChatOptions _options = options.Value;
    private long _lastDirectMessageId;

    public RoomRegistry Rooms => rooms;

    public UserDirectory Users => users;

    public ChatOptions Options => _options;

    public ErrorEvent? Register(ChatSession session, string name)
    {
        if (session.IsRegistered)
        {
            return new ErrorEvent(ErrorCodes.AlreadyRegistered, $"You are already registered as {session.Name}.");
        }

        const string prompt = " Enter another name:";
        if (CheckName(name) is { } invalid)
        {
            return invalid with { Message = invalid.Message + prompt };
        }

        if (!users.TryRegister(session, name))
        {
            return new ErrorEvent(ErrorCodes.NameTaken, $"The name {name} is taken." + prompt);
        }

        Log.Registered(logger, name);
        session.Send(new WelcomeEvent(name, rooms.DefaultRoom.Name, _options.ServerName));
        return Enter(session, rooms.DefaultRoom.Name);
    }

    public ErrorEvent? Rename(ChatSession session, string newName)
    {
        var oldName = session.Name!;
        if (CheckName(newName) is { } invalid)
        {
            return invalid;
        }

        if (!users.TryRename(session, newName))
        {
            return new ErrorEvent(ErrorCodes.NameTaken, $"The name {newName} is taken.");
        }

        Log.Renamed(logger, oldName, newName);
        var notice = new OutgoingMessage(new NickEvent(oldName, newName));
        session.Send(notice);
        foreach (var peer in PeersOf(session, session.Rooms))
        {
            peer.Send(notice);
        }

        return null;
    }

    /// <summary>Joins (creating the room if needed) and makes it the current room.</summary>
    public ErrorEvent? Join(ChatSession session, string roomName)
    {
        roomName = Names.TrimRoomPrefix(roomName);
        if (!Names.IsValid(roomName, _options.Limits.MaxRoomNameLength))
        {
            return new ErrorEvent(ErrorCodes.RoomInvalid,
                $"Room names are 1 to {_options.Limits.MaxRoomNameLength} letters, digits, '_' or '-'.");
        }

        return Enter(session, roomName);
    }

    /// <summary>Joins a room by a name already known to be valid (configured rooms skip the length rule).</summary>
    private ErrorEvent? Enter(ChatSession session, string roomName)
    {
        switch (rooms.Join(session, roomName, out var room))
        {
            case JoinOutcome.TooManyRooms:
                return new ErrorEvent(ErrorCodes.TooManyRooms, $"You are in {session.Rooms.Length} rooms already; /leave one first.");
            case JoinOutcome.AlreadyMember:
                session.CurrentRoom = room;
                session.Send(new InfoEvent($"You are now talking in #{room.Name}.", room.Name));
                return null;
        }

        session.CurrentRoom = room;
        room.Publish(new OutgoingMessage(new JoinEvent(room.Name, session.Name!)));
        if (room.Topic is not null)
        {
            session.Send(new TopicEvent(room.Name, room.Topic));
        }

        return null;
    }

    public ErrorEvent? Leave(ChatSession session, Room room, string? reason = null)
    {
        if (!rooms.Leave(session, room))
        {
            return NotInRoom(room.Name);
        }

        var notice = new OutgoingMessage(new LeaveEvent(room.Name, session.Name!, reason));
        session.Send(notice);
        room.Publish(notice);
        if (session.CurrentRoom == room)
        {
            session.CurrentRoom = session.Rooms.FirstOrDefault();
            session.Send(new InfoEvent(session.CurrentRoom is { } next
                ? $"You are now talking in #{next.Name}."
                : "You are in no room; /join one to talk.", session.CurrentRoom?.Name));
        }

        return null;
    }

    /// <summary>Ends a session's presence: leaves every room and tells each user who shared one, once.</summary>
    public void Disconnect(ChatSession session, string? reason)
    {
        if (!session.IsRegistered)
        {
            return;
        }

        // Peers are read from the rooms' snapshots after leaving, so whoever joined meanwhile hears the quit too;
        // the name is freed only after the notice is out, so "bob quit" always comes before a new "bob joined".
        var left = rooms.LeaveAll(session);
        var notice = new OutgoingMessage(new QuitEvent(session.Name!, reason));
        foreach (var peer in PeersOf(session, left))
        {
            peer.Send(notice);
        }

        users.Remove(session);
    }

    public void Say(ChatSession session, Room room, string text, Payload? payload = null)
    {
        var message = WithPayload(new MessageEvent(room.NextMessageId(), time.GetUtcNow(), session.Name!, text, Room: room.Name), payload);
        room.Publish(new OutgoingMessage(message), session);
    }

    public void Act(ChatSession session, Room room, string text)
    {
        var action = new ActionEvent(room.NextMessageId(), time.GetUtcNow(), room.Name, session.Name!, text);
        room.Publish(new OutgoingMessage(action));
    }

    public ErrorEvent? SendDirect(ChatSession session, string targetName, string text, Payload? payload = null)
    {
        if (!users.TryGet(targetName, out var target))
        {
            return new ErrorEvent(ErrorCodes.NoSuchUser, $"There is no user named {targetName}.");
        }

        var message = new OutgoingMessage(WithPayload(new MessageEvent(
            Interlocked.Increment(ref _lastDirectMessageId), time.GetUtcNow(), session.Name!, text, To: target.Name), payload));
        target.Send(message);
        if (target != session)
        {
            session.Send(message);
        }

        return null;
    }

    public ErrorEvent? SetTopic(ChatSession session, Room room, string topic)
    {
        if (!session.Rooms.Contains(room))
        {
            return NotInRoom(room.Name);
        }

        if (topic.Length > _options.Limits.MaxTopicLength)
        {
            return new ErrorEvent(ErrorCodes.TopicTooLong, $"Topics are at most {_options.Limits.MaxTopicLength} characters.");
        }

        room.Topic = topic;
        room.Publish(new OutgoingMessage(new TopicEvent(room.Name, topic, session.Name)));
        return null;
    }

    /// <summary>A room the session names explicitly ('#dev' or 'dev'), which it must be in.</summary>
    public Room? FindJoinedRoom(ChatSession session, string roomName, out ErrorEvent? error)
    {
        roomName = Names.TrimRoomPrefix(roomName);
        var room = session.Rooms.FirstOrDefault(r => string.Equals(r.Name, roomName, StringComparison.OrdinalIgnoreCase));
        error = room is null ? NotInRoom(roomName) : null;
        return room;
    }

    private static MessageEvent WithPayload(MessageEvent message, Payload? payload) => payload is null
        ? message
        : message with { ContentType = payload.ContentType, Name = payload.Name, Data = payload.Data, Size = payload.Size };

    private ErrorEvent? CheckName(string name) => Names.IsValid(name, _options.Limits.MaxNameLength)
        ? null
        : new ErrorEvent(ErrorCodes.NameInvalid,
            $"Names are 1 to {_options.Limits.MaxNameLength} letters, digits, '_' or '-'.");

    private static ErrorEvent NotInRoom(string room) => new(ErrorCodes.NotInRoom, $"You are not in #{room}.");

    /// <summary>Everyone but the session in <paramref name="sessionRooms"/>, each once.</summary>
    /// <remarks>
    /// One room needs no set: its members are distinct already. With 10,000 users in one room, a set per
    /// disconnect made a mass disconnect allocate gigabytes (docs/BENCHMARKS.md).
    /// </remarks>
    private static IEnumerable<ChatSession> PeersOf(ChatSession session, IReadOnlyList<Room> sessionRooms)
    {
        if (sessionRooms.Count == 1)
        {
            return sessionRooms[0].Members.Where(member => member != session);
        }

        var peers = new HashSet<ChatSession>();
        foreach (var room in sessionRooms)
        {
            peers.UnionWith(room.Members);
        }

        peers.Remove(session);
        return peers;
    }
}
