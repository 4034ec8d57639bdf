using System.Collections;
using Chat.Handlers.Sessions;

namespace Chat.Handlers.Rooms;

/// <summary>
/// An immutable snapshot of a room's members: the first <see cref="Length"/> slots of an array. A join appends in
/// place when the array has room (a snapshot never looks past its own length, so older snapshots are unchanged), which
/// makes 10,000 joins linear; a leave copies. Built only under <see cref="RoomRegistry"/>'s lock, always from the
/// current snapshot, so no two snapshots ever append to the same slot. A class, so a reader on another thread
/// never sees half of a new snapshot.
/// </summary>
public sealed class MemberList : IReadOnlyList<ChatSession>
{
    public static readonly MemberList Empty = new([], 0);

    private readonly ChatSession[] _items;

    private MemberList(ChatSession[] items, int length)
    {
        _items = items;
        Length = length;
    }

    public int Length { get; }

    public bool IsEmpty => Length == 0;

    int IReadOnlyCollection<ChatSession>.Count => Length;

    public ChatSession this[int index] => AsSpan()[index];

    public ReadOnlySpan<ChatSession> AsSpan() => _items.AsSpan(0, Length);

    public bool Contains(ChatSession session) => AsSpan().Contains(session);

    internal MemberList Add(ChatSession session)
    {
        var items = _items;
        if (Length == items.Length)
        {
            Array.Resize(ref items, Math.Max(4, Length * 2));
        }

        items[Length] = session;
        return new MemberList(items, Length + 1);
    }

    internal MemberList Remove(ChatSession session)
    {
        var index = AsSpan().IndexOf(session);
        if (index < 0)
        {
            return this;
        }

        var items = new ChatSession[Math.Max(4, Length - 1)];
        AsSpan()[..index].CopyTo(items);
        AsSpan()[(index + 1)..].CopyTo(items.AsSpan(index));
        return new MemberList(items, Length - 1);
    }

    public ReadOnlySpan<ChatSession>.Enumerator GetEnumerator() => AsSpan().GetEnumerator();

    IEnumerator<ChatSession> IEnumerable<ChatSession>.GetEnumerator()
    {
        for (var i = 0; i < Length; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<ChatSession>)this).GetEnumerator();
}
