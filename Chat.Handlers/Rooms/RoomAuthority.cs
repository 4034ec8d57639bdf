using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Chat.Handlers.Rooms;

/// <summary>
/// Who owns and who operates each registered room, kept in memory (read at start) and written through to the
/// store. A room keeps its registration while empty and across restarts.
/// </summary>
public sealed class RoomAuthority
{
    private readonly IRoomStore _store;
    private readonly ConcurrentDictionary<string, RoomRegistration> _rooms;

    public RoomAuthority(IRoomStore store)
    {
        _store = store;
        _rooms = new(store.LoadAll().Select(r => KeyValuePair.Create(r.Room, r)), StringComparer.OrdinalIgnoreCase);
    }

    public RoomRegistration? Find(string room) => _rooms.GetValueOrDefault(room);

    public bool IsOperator(string room, string? account) => Find(room)?.IsOperator(account) == true;

    /// <summary>False when the room has an owner already.</summary>
    public async ValueTask<bool> TryRegisterAsync(string room, string owner)
    {
        var registration = new RoomRegistration(room, owner, ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase));
        if (!_rooms.TryAdd(room, registration))
        {
            return false;
        }

        await _store.SaveAsync(registration);
        return true;
    }

    /// <summary>Grants or revokes operator rights in a registered room.</summary>
    public async ValueTask SetOperatorAsync(string room, string account, bool granted)
    {
        var registration = _rooms.AddOrUpdate(room,
            _ => throw new InvalidOperationException($"#{room} is not registered."),
            (_, old) => old with { Operators = granted ? old.Operators.Add(account) : old.Operators.Remove(account) });
        await _store.SaveAsync(registration);
    }
}
