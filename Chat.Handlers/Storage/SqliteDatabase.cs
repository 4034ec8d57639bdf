using Microsoft.Data.Sqlite;

namespace Chat.Handlers.Storage;

/// <summary>The SQLite file accounts and room registrations share (<c>Chat:Accounts:ConnectionString</c>).</summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(Microsoft.Extensions.Options.IOptions<ChatOptions> options)
    {
        // A relative database file lives beside the app, not wherever it was started from.
        var builder = new SqliteConnectionStringBuilder(options.Value.Accounts.ConnectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !Path.IsPathRooted(file))
        {
            builder.DataSource = Path.Combine(AppContext.BaseDirectory, file);
        }

        _connectionString = builder.ToString();
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, string Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    /// <summary>Runs a statement that returns nothing, such as a table's creation.</summary>
    public void Execute(string sql)
    {
        using var connection = Open();
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }
}
