using System.Collections.Immutable;
using Chat.Handlers.Moderation;

namespace Chat.Handlers.Rooms;

/// <summary>
/// A registered room: its owner's account, the accounts it made operators, and the rules its operators set: bans,
/// mutes (by account or name, each until a time or <see cref="DateTimeOffset.MaxValue"/>), voiced accounts, and the
/// flags invite-only, key, moderated and topic lock.
/// </summary>
public sealed record RoomRegistration(string Room, string Owner, ImmutableHashSet<string> Operators)
{
    public ImmutableArray<BanMask> Bans { get; init; } = [];

    public ImmutableDictionary<string, DateTimeOffset> Mutes { get; init; } = ImmutableDictionary.Create<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);

    public ImmutableHashSet<string> Voiced { get; init; } = ImmutableHashSet.Create<string>(StringComparer.OrdinalIgnoreCase);

    public bool InviteOnly { get; init; }

    /// <summary>The key needed to join; null for none.</summary>
    public string? Key { get; init; }

    public bool Moderated { get; init; }

    public bool TopicLocked { get; init; }

    public bool IsOperator(string? account) => account is not null
        && (string.Equals(account, Owner, StringComparison.OrdinalIgnoreCase) || Operators.Contains(account));

    // Records print every property: the key must never reach a log through ToString.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Room = ").Append(Room).Append(", Owner = ").Append(Owner);
        return true;
    }
}

/// <summary>Where room registrations live; room names are unique ignoring case.</summary>
public interface IRoomStore
{
    /// <summary>Every registration, read once at start.</summary>
    IReadOnlyList<RoomRegistration> LoadAll();

    /// <summary>Writes the registration whole: owner, operators and rules.</summary>
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
