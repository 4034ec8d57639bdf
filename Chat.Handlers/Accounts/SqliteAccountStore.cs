using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Accounts;

/// <summary>Accounts in SQLite, table <c>accounts</c>, created on first start.</summary>
public sealed class SqliteAccountStore : IAccountStore
{
    private readonly string _connectionString;

    public SqliteAccountStore(IOptions<ChatOptions> options)
    {
        _connectionString = Resolve(options.Value.Accounts.ConnectionString);
        using var connection = Open();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS accounts (
                name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                password_hash TEXT NOT NULL,
                created TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)
            """);
    }

    public async ValueTask<StoredAccount?> FindAsync(string name)
    {
        await using var connection = Open();
        await using var command = Command(connection, "SELECT name, password_hash FROM accounts WHERE name = $name", ("$name", name));
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new StoredAccount(reader.GetString(0), reader.GetString(1)) : null;
    }

    public async ValueTask<bool> TryCreateAsync(StoredAccount account)
    {
        await using var connection = Open();
        await using var command = Command(connection,
            "INSERT INTO accounts (name, password_hash) VALUES ($name, $hash) ON CONFLICT DO NOTHING",
            ("$name", account.Name), ("$hash", account.PasswordHash));
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async ValueTask UpdatePasswordAsync(string name, string passwordHash)
    {
        await using var connection = Open();
        await using var command = Command(connection, "UPDATE accounts SET password_hash = $hash WHERE name = $name",
            ("$name", name), ("$hash", passwordHash));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A relative database file lives beside the app, not wherever it was started from.</summary>
    private static string Resolve(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !Path.IsPathRooted(file))
        {
            builder.DataSource = Path.Combine(AppContext.BaseDirectory, file);
        }

        return builder.ToString();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, string Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }
}
