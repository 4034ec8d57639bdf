using System.Collections.Immutable;
using Chat.Handlers.Formats;
using Chat.Handlers.Sessions;

namespace Chat.Handlers.Rooms;

/// <summary>
/// A room: its members as an immutable snapshot (rebuilt by <see cref="RoomRegistry"/> on join and leave),
/// so a broadcast iterates without any lock.
/// </summary>
public sealed class Room(string name, bool isPermanent)
{
    private long _lastMessageId;

    public string Name { get; } = name;

    /// <summary>Configured rooms stay when empty; others vanish with their last member.</summary>
    public bool IsPermanent { get; } = isPermanent;

    public string? Topic { get; internal set; }

    public ImmutableArray<ChatSession> Members { get; internal set; } = [];

    /// <summary>Message ids increase within a room.</summary>
    public long NextMessageId() => Interlocked.Increment(ref _lastMessageId);

    /// <summary>
    /// Hands the message to every member's queue; the sender gets it back only if its format echoes.
    /// This is the room's single publish step, where a fan-out beyond this process would plug in.
    /// </summary>
    public void Publish(OutgoingMessage message, ChatSession? sender = null)
    {
        foreach (var member in Members)
        {
            if (member != sender || member.Format.EchoesOwnMessages)
            {
                member.Send(message);
            }
        }
    }
}
