namespace Chat.Handlers.Rooms;

/// <summary>
/// A room: its members as an immutable snapshot (rebuilt by <see cref="RoomRegistry"/> on join and leave), so a
/// delivery iterates without any lock. What is said in it goes through the event stream, which keeps its order.
/// </summary>
public sealed class Room(string name, bool isPermanent)
{
    public string Name { get; } = name;

    /// <summary>Configured rooms stay when empty; others vanish with their last member.</summary>
    public bool IsPermanent { get; } = isPermanent;

    public string? Topic { get; internal set; }

    public MemberList Members { get; internal set; } = MemberList.Empty;
}
