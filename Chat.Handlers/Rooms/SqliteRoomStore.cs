using System.Collections.Immutable;
using Chat.Handlers.Moderation;
using Chat.Handlers.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using static Chat.Handlers.Storage.SqliteDatabase;

namespace Chat.Handlers.Rooms;

/// <summary>
/// Room registrations in SQLite, created on first start: <c>room_owners</c> and <c>room_operators</c>, and the rules
/// in <c>room_settings</c> (flags and key), <c>room_bans</c>, <c>room_mutes</c> (until, in Unix milliseconds; null for
/// no end) and <c>room_voices</c>.
/// </summary>
public sealed class SqliteRoomStore : IRoomStore
{
    private readonly SqliteDatabase _database;
    private readonly int _maxNameLength;

    public SqliteRoomStore(SqliteDatabase database, IOptions<ChatOptions> options)
    {
        _database = database;
        _maxNameLength = options.Value.Limits.MaxNameLength;
        database.Execute("""
            CREATE TABLE IF NOT EXISTS room_owners (
                room TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                owner TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS room_operators (
                room TEXT NOT NULL COLLATE NOCASE,
                account TEXT NOT NULL COLLATE NOCASE,
                PRIMARY KEY (room, account));
            CREATE TABLE IF NOT EXISTS room_settings (
                room TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                invite_only INTEGER NOT NULL,
                room_key TEXT,
                moderated INTEGER NOT NULL,
                topic_locked INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS room_bans (
                room TEXT NOT NULL COLLATE NOCASE,
                mask TEXT NOT NULL COLLATE NOCASE,
                PRIMARY KEY (room, mask));
            CREATE TABLE IF NOT EXISTS room_mutes (
                room TEXT NOT NULL COLLATE NOCASE,
                target TEXT NOT NULL COLLATE NOCASE,
                until INTEGER,
                PRIMARY KEY (room, target));
            CREATE TABLE IF NOT EXISTS room_voices (
                room TEXT NOT NULL COLLATE NOCASE,
                account TEXT NOT NULL COLLATE NOCASE,
                PRIMARY KEY (room, account));
            """);
    }

    public IReadOnlyList<RoomRegistration> LoadAll()
    {
        using var connection = _database.Open();
        var operators = ReadLists(connection, "SELECT room, account FROM room_operators", r => r.GetString(1));
        var voices = ReadLists(connection, "SELECT room, account FROM room_voices", r => r.GetString(1));
        var bans = ReadLists(connection, "SELECT room, mask FROM room_bans",
            r => BanMask.TryParse(r.GetString(1), _maxNameLength, out var mask) ? mask : null);
        var mutes = ReadLists(connection, "SELECT room, target, until FROM room_mutes",
            r => KeyValuePair.Create(r.GetString(1), r.IsDBNull(2) ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))));
        var settings = ReadLists(connection, "SELECT room, invite_only, room_key, moderated, topic_locked FROM room_settings",
            r => (InviteOnly: r.GetBoolean(1), Key: r.IsDBNull(2) ? null : r.GetString(2), Moderated: r.GetBoolean(3), TopicLocked: r.GetBoolean(4)));

        var rooms = new List<RoomRegistration>();
        using var command = Command(connection, "SELECT room, owner FROM room_owners");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var room = reader.GetString(0);
            var flags = settings.GetValueOrDefault(room)?.FirstOrDefault() ?? default;
            rooms.Add(new RoomRegistration(room, reader.GetString(1), ImmutableHashSet.CreateRange(StringComparer.OrdinalIgnoreCase, operators.GetValueOrDefault(room) ?? []))
            {
                Voiced = ImmutableHashSet.CreateRange(StringComparer.OrdinalIgnoreCase, voices.GetValueOrDefault(room) ?? []),
                Bans = [.. bans.GetValueOrDefault(room)?.OfType<BanMask>() ?? []],
                Mutes = ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, mutes.GetValueOrDefault(room) ?? []),
                InviteOnly = flags.InviteOnly,
                Key = flags.Key,
                Moderated = flags.Moderated,
                TopicLocked = flags.TopicLocked,
            });
        }

        return rooms;
    }

    public async ValueTask SaveAsync(RoomRegistration registration)
    {
        await using var connection = _database.Open();
        await using var transaction = connection.BeginTransaction();
        var room = registration.Room;
        await RunAsync("INSERT INTO room_owners (room, owner) VALUES ($room, $owner) ON CONFLICT (room) DO UPDATE SET owner = excluded.owner",
            ("$owner", registration.Owner));
        await RunAsync("""
            INSERT INTO room_settings (room, invite_only, room_key, moderated, topic_locked) VALUES ($room, $inviteOnly, $key, $moderated, $topicLocked)
            ON CONFLICT (room) DO UPDATE SET invite_only = excluded.invite_only, room_key = excluded.room_key,
                moderated = excluded.moderated, topic_locked = excluded.topic_locked
            """,
            ("$inviteOnly", registration.InviteOnly), ("$key", registration.Key), ("$moderated", registration.Moderated), ("$topicLocked", registration.TopicLocked));

        // The lists are short (Chat:Limits:MaxRoomListEntries): rewritten whole.
        foreach (var table in (string[])["room_operators", "room_voices", "room_bans", "room_mutes"])
        {
            await RunAsync($"DELETE FROM {table} WHERE room = $room");
        }

        foreach (var account in registration.Operators)
        {
            await RunAsync("INSERT INTO room_operators (room, account) VALUES ($room, $value)", ("$value", account));
        }

        foreach (var account in registration.Voiced)
        {
            await RunAsync("INSERT INTO room_voices (room, account) VALUES ($room, $value)", ("$value", account));
        }

        foreach (var mask in registration.Bans)
        {
            await RunAsync("INSERT INTO room_bans (room, mask) VALUES ($room, $value)", ("$value", mask.Text));
        }

        foreach (var (target, until) in registration.Mutes)
        {
            await RunAsync("INSERT INTO room_mutes (room, target, until) VALUES ($room, $value, $until)",
                ("$value", target), ("$until", until == DateTimeOffset.MaxValue ? null : until.ToUnixTimeMilliseconds()));
        }

        await transaction.CommitAsync();

        async Task RunAsync(string sql, params (string Name, object? Value)[] parameters)
        {
            await using var command = Command(connection, sql, ("$room", room));
            command.Transaction = transaction;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The rows of a query by their first column, the room.</summary>
    private static Dictionary<string, List<T>> ReadLists<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        var lists = new Dictionary<string, List<T>>(StringComparer.OrdinalIgnoreCase);
        using var command = Command(connection, sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var room = reader.GetString(0);
            if (!lists.TryGetValue(room, out var list))
            {
                lists[room] = list = [];
            }

            list.Add(read(reader));
        }

        return lists;
    }
}
