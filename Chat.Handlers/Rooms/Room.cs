namespace Chat.Handlers.Rooms;

/// <summary>
/// A room: its members as an immutable snapshot (rebuilt by <see cref="RoomRegistry"/> on join and leave), so a
/// delivery iterates without any lock. What is said in it goes through the event stream, which keeps its order.
/// </summary>
public sealed class Room(string name, bool isPermanent)
{
    private string? _topic;

    public string Name { get; } = name;

    /// <summary>Configured rooms stay when empty; others vanish with their last member.</summary>
    public bool IsPermanent { get; } = isPermanent;

    /// <summary>Set by the core, and by an event stream that keeps it in step with the other nodes.</summary>
    public string? Topic
    {
        get => Volatile.Read(ref _topic);
        set => Volatile.Write(ref _topic, value);
    }

    public MemberList Members { get; internal set; } = MemberList.Empty;

    /// <summary>Gives a room that comes back the topic its history kept, unless someone has set one meanwhile.</summary>
    internal void RestoreTopic(string topic) => Interlocked.CompareExchange(ref _topic, topic, null);
}
