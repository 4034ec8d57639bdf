using Chat.Handlers.Storage;
using static Chat.Handlers.Storage.SqliteDatabase;

namespace Chat.Handlers.Accounts;

/// <summary>Accounts in SQLite, table <c>accounts</c>, created on first start.</summary>
public sealed class SqliteAccountStore : IAccountStore
{
    private readonly SqliteDatabase _database;

    public SqliteAccountStore(SqliteDatabase database)
    {
        _database = database;
        database.Execute("""
            CREATE TABLE IF NOT EXISTS accounts (
                name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                password_hash TEXT NOT NULL,
                created TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)
            """);
    }

    public async ValueTask<StoredAccount?> FindAsync(string name)
    {
        await using var connection = _database.Open();
        await using var command = Command(connection, "SELECT name, password_hash FROM accounts WHERE name = $name", ("$name", name));
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new StoredAccount(reader.GetString(0), reader.GetString(1)) : null;
    }

    public async ValueTask<bool> TryCreateAsync(StoredAccount account)
    {
        await using var connection = _database.Open();
        await using var command = Command(connection,
            "INSERT INTO accounts (name, password_hash) VALUES ($name, $hash) ON CONFLICT DO NOTHING",
            ("$name", account.Name), ("$hash", account.PasswordHash));
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async ValueTask UpdatePasswordAsync(string name, string passwordHash)
    {
        await using var connection = _database.Open();
        await using var command = Command(connection, "UPDATE accounts SET password_hash = $hash WHERE name = $name",
            ("$name", name), ("$hash", passwordHash));
        await command.ExecuteNonQueryAsync();
    }
}
