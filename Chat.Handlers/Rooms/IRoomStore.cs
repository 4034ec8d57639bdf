using System.Collections.Immutable;

namespace Chat.Handlers.Rooms;

/// <summary>A registered room: its owner's account and the accounts it made operators.</summary>
public sealed record RoomRegistration(string Room, string Owner, ImmutableHashSet<string> Operators)
{
    public bool IsOperator(string? account) => account is not null
        && (string.Equals(account, Owner, StringComparison.OrdinalIgnoreCase) || Operators.Contains(account));
}

/// <summary>Where room registrations live; room names are unique ignoring case.</summary>
public interface IRoomStore
{
    /// <summary>Every registration, read once at start.</summary>
    IReadOnlyList<RoomRegistration> LoadAll();

    /// <summary>Writes the registration whole: owner and operators.</summary>
    ValueTask SaveAsync(RoomRegistration registration);
}

/// <summary>Registrations for as long as the process lives.</summary>
public sealed class InMemoryRoomStore : IRoomStore
{
    private ImmutableDictionary<string, RoomRegistration> _rooms = ImmutableDictionary.Create<string, RoomRegistration>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<RoomRegistration> LoadAll() => [.. _rooms.Values];

    public ValueTask SaveAsync(RoomRegistration registration)
    {
        ImmutableInterlocked.AddOrUpdate(ref _rooms, registration.Room, registration, (_, _) => registration);
        return ValueTask.CompletedTask;
    }
}
