using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Chat.Handlers.Rooms;

/// <summary>
/// Who owns and who operates each registered room, and the rules its operators set, kept in memory (read at start)
/// and written through to the store. A room keeps its registration while empty and across restarts. Invitations are
/// the exception: they live in memory until used.
/// </summary>
public sealed class RoomAuthority : IDisposable
{
    private readonly IRoomStore _store;
    private readonly ConcurrentDictionary<string, RoomRegistration> _rooms;
    private readonly ConcurrentDictionary<string, ImmutableHashSet<string>> _invites = new(StringComparer.OrdinalIgnoreCase);

    // Changes are rare; one at a time keeps the store's copy the same as the last change.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

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
    public ValueTask<RoomRegistration> SetOperatorAsync(string room, string account, bool granted) =>
        UpdateAsync(room, old => old with { Operators = granted ? old.Operators.Add(account) : old.Operators.Remove(account) });

    /// <summary>Changes a registered room's rules and stores the result.</summary>
    public async ValueTask<RoomRegistration> UpdateAsync(string room, Func<RoomRegistration, RoomRegistration> change)
    {
        await _writeGate.WaitAsync();
        try
        {
            var registration = _rooms.AddOrUpdate(room, _ => throw new InvalidOperationException($"#{room} is not registered."), (_, old) => change(old));
            await _store.SaveAsync(registration);
            return registration;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Invites a user by name; false when the room has <paramref name="max"/> invitations waiting already.</summary>
    public bool Invite(string room, string name, int max)
    {
        var empty = ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase);
        var invited = _invites.AddOrUpdate(room, _ => empty.Add(name), (_, old) => old.Count < max ? old.Add(name) : old);
        return invited.Contains(name);
    }

    /// <summary>Uses up the invitation of <paramref name="name"/> to the room, if there is one.</summary>
    public bool TryTakeInvite(string room, string name)
    {
        while (_invites.TryGetValue(room, out var invited))
        {
            if (!invited.Contains(name))
            {
                return false;
            }

            if (_invites.TryUpdate(room, invited.Remove(name), invited))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _writeGate.Dispose();
}
