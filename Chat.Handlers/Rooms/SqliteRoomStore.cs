using System.Collections.Immutable;
using Chat.Handlers.Storage;
using static Chat.Handlers.Storage.SqliteDatabase;

namespace Chat.Handlers.Rooms;

/// <summary>Room registrations in SQLite: tables <c>room_owners</c> and <c>room_operators</c>, created on first start.</summary>
public sealed class SqliteRoomStore : IRoomStore
{
    private readonly SqliteDatabase _database;

    public SqliteRoomStore(SqliteDatabase database)
    {
        _database = database;
        database.Execute("""
            CREATE TABLE IF NOT EXISTS room_owners (
                room TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                owner TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS room_operators (
                room TEXT NOT NULL COLLATE NOCASE,
                account TEXT NOT NULL COLLATE NOCASE,
                PRIMARY KEY (room, account));
            """);
    }

    public IReadOnlyList<RoomRegistration> LoadAll()
    {
        using var connection = _database.Open();
        var operators = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        using (var command = Command(connection, "SELECT room, account FROM room_operators"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var room = reader.GetString(0);
                if (!operators.TryGetValue(room, out var list))
                {
                    operators[room] = list = [];
                }

                list.Add(reader.GetString(1));
            }
        }

        var rooms = new List<RoomRegistration>();
        using (var command = Command(connection, "SELECT room, owner FROM room_owners"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var room = reader.GetString(0);
                rooms.Add(new RoomRegistration(room, reader.GetString(1),
                    ImmutableHashSet.CreateRange(StringComparer.OrdinalIgnoreCase, operators.GetValueOrDefault(room) ?? [])));
            }
        }

        return rooms;
    }

    public async ValueTask SaveAsync(RoomRegistration registration)
    {
        await using var connection = _database.Open();
        await using var transaction = connection.BeginTransaction();
        await using (var command = Command(connection,
            "INSERT INTO room_owners (room, owner) VALUES ($room, $owner) ON CONFLICT (room) DO UPDATE SET owner = excluded.owner",
            ("$room", registration.Room), ("$owner", registration.Owner)))
        {
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync();
        }

        await using (var command = Command(connection, "DELETE FROM room_operators WHERE room = $room", ("$room", registration.Room)))
        {
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync();
        }

        foreach (var account in registration.Operators)
        {
            await using var command = Command(connection, "INSERT INTO room_operators (room, account) VALUES ($room, $account)",
                ("$room", registration.Room), ("$account", account));
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
