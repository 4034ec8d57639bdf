using Chat.Handlers.Sessions;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Rooms;

/// <summary>
/// All rooms, by name ignoring case. Membership changes take one lock and rebuild the snapshots of the room
/// and the session; they are rare next to messages, which never take it.
/// </summary>
public sealed class RoomRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Room> _rooms = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _maxRoomsPerUser;

    public RoomRegistry(IOptions<ChatOptions> options)
    {
        var chat = options.Value;
        _maxRoomsPerUser = chat.Limits.MaxRoomsPerUser;
        DefaultRoom = new Room(chat.DefaultRoom, isPermanent: true);
        _rooms.Add(DefaultRoom.Name, DefaultRoom);
        foreach (var name in chat.Rooms)
        {
            _rooms.TryAdd(name, new Room(name, isPermanent: true));
        }
    }

    public Room DefaultRoom { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _rooms.Count;
            }
        }
    }

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Room? room)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(name, out room);
        }
    }

    public IReadOnlyList<Room> Snapshot()
    {
        lock (_gate)
        {
            return [.. _rooms.Values];
        }
    }

    /// <summary>Adds the session to the room, creating it if needed (<see cref="JoinOutcome.Created"/>).</summary>
    public JoinOutcome Join(ChatSession session, string name, out Room room)
    {
        lock (_gate)
        {
            if (_rooms.TryGetValue(name, out var existing) && session.Rooms.Contains(existing))
            {
                room = existing;
                return JoinOutcome.AlreadyMember;
            }

            if (session.Rooms.Length >= _maxRoomsPerUser)
            {
                room = existing!;
                return JoinOutcome.TooManyRooms;
            }

            var outcome = JoinOutcome.Joined;
            if (existing is null)
            {
                existing = new Room(name, isPermanent: false);
                _rooms.Add(name, existing);
                outcome = JoinOutcome.Created;
            }

            room = existing;
            room.Members = room.Members.Add(session);
            session.Rooms = session.Rooms.Add(room);
            return outcome;
        }
    }

    /// <summary>Removes the session from the room; an emptied, non-permanent room is removed too.</summary>
    public bool Leave(ChatSession session, Room room)
    {
        lock (_gate)
        {
            return LeaveLocked(session, room);
        }
    }

    /// <summary>Removes the session from every room it is in; returns those rooms.</summary>
    public IReadOnlyList<Room> LeaveAll(ChatSession session)
    {
        lock (_gate)
        {
            var rooms = session.Rooms;
            foreach (var room in rooms)
            {
                LeaveLocked(session, room);
            }

            return rooms;
        }
    }

    private bool LeaveLocked(ChatSession session, Room room)
    {
        if (!session.Rooms.Contains(room))
        {
            return false;
        }

        session.Rooms = session.Rooms.Remove(room);
        room.Members = room.Members.Remove(session);
        if (room.Members.IsEmpty && !room.IsPermanent)
        {
            _rooms.Remove(room.Name);
        }

        return true;
    }
}

public enum JoinOutcome
{
    Joined,

    /// <summary>Joined a room that did not exist: the first member of a new room, or of one that had emptied.</summary>
    Created,

    AlreadyMember,
    TooManyRooms,
}
