using Chat.Handlers.Storage;
using static Chat.Handlers.Storage.SqliteDatabase;

namespace Chat.Handlers.Moderation;

/// <summary>Server bans in SQLite: table <c>server_bans</c> of the accounts database, created on first start.</summary>
public sealed class SqliteServerBanStore : IServerBanStore
{
    private readonly SqliteDatabase _database;

    public SqliteServerBanStore(SqliteDatabase database)
    {
        _database = database;
        database.Execute("CREATE TABLE IF NOT EXISTS server_bans (mask TEXT NOT NULL PRIMARY KEY COLLATE NOCASE)");
    }

    public IReadOnlyList<string> LoadAll()
    {
        using var connection = _database.Open();
        using var command = Command(connection, "SELECT mask FROM server_bans");
        using var reader = command.ExecuteReader();
        var masks = new List<string>();
        while (reader.Read())
        {
            masks.Add(reader.GetString(0));
        }

        return masks;
    }

    public ValueTask AddAsync(string mask) => RunAsync("INSERT INTO server_bans (mask) VALUES ($mask) ON CONFLICT DO NOTHING", mask);

    public ValueTask RemoveAsync(string mask) => RunAsync("DELETE FROM server_bans WHERE mask = $mask", mask);

    private async ValueTask RunAsync(string sql, string mask)
    {
        await using var connection = _database.Open();
        await using var command = Command(connection, sql, ("$mask", mask));
        await command.ExecuteNonQueryAsync();
    }
}
