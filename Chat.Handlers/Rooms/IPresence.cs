using Chat.Protocol;

namespace Chat.Handlers.Rooms;

/// <summary>
/// Who is in which room, for <c>/who</c> and <c>/rooms</c>. The default, <see cref="LocalPresence"/>, answers from
/// this node's <see cref="RoomRegistry"/>; a cluster answers with the members of every node.
/// </summary>
public interface IPresence
{
    /// <summary>The members of a room, users on TLS named again in <see cref="WhoEvent.Secure"/>.</summary>
    ValueTask<WhoEvent> WhoAsync(Room room);

    /// <summary>Every room with its member count and topic, by name.</summary>
    ValueTask<RoomsEvent> ListRoomsAsync();
}

public sealed class LocalPresence(RoomRegistry rooms) : IPresence
{
    public ValueTask<WhoEvent> WhoAsync(Room room) => ValueTask.FromResult(Who(room));

    public ValueTask<RoomsEvent> ListRoomsAsync() => ValueTask.FromResult(ListRooms());

    public static WhoEvent Who(Room room)
    {
        var members = room.Members.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToArray();
        return new WhoEvent(room.Name, [.. members.Select(m => m.Name!)], [.. members.Where(m => m.IsSecure).Select(m => m.Name!)]);
    }

    public RoomsEvent ListRooms() => new([.. rooms.Snapshot()
        .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
        .Select(r => new RoomInfo(r.Name, r.Members.Length, r.Topic))]);
}
