using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Chat.Handlers.History;

public sealed partial class SqliteHistoryStore
{
    /// <summary>
    /// Opens (or creates) the database and checks it can be used: readable, consistent (<c>PRAGMA quick_check</c>,
    /// which reads the whole file) and writable (the schema is written in an immediate transaction).
    /// </summary>
    /// <exception cref="HistoryStoreUnavailableException">The file is locked, corrupt, not writable, or not a file.</exception>
    public static SqliteHistoryStore Open(HistoryOptions options, ILogger<SqliteHistoryStore> logger, HistoryMetrics? metrics = null)
    {
        var connectionString = ResolveConnectionString(options.ConnectionString);
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var writer = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        Dictionary<string, long> lastIds;
        try
        {
            writer.Open();
            Check(writer, path);
            lastIds = LoadLastIds(writer);
        }
        catch (SqliteException exception)
        {
            writer.Dispose();
            throw Unavailable(path, exception);
        }
        catch
        {
            writer.Dispose();
            throw;
        }

        Log.Opened(logger, path);
        return new SqliteHistoryStore(options, connectionString, writer, lastIds, logger, metrics);
    }

    /// <summary>A relative <c>Data Source</c> is resolved beside the app, not in whatever directory it was started from.</summary>
    internal static string ResolveConnectionString(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new HistoryStoreUnavailableException(
                $"Chat:History:ConnectionString is not valid ({OneLine(exception.Message)}): fix it, for example Data Source=chat.db.", exception);
        }

        if (builder.DataSource.Length == 0 || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new HistoryStoreUnavailableException(
                $"Chat:History:ConnectionString names no database file (Data Source={builder.DataSource}): give one, or set Chat:History:Enabled=false to keep no history.");
        }

        if (!builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, AppContext.BaseDirectory);
        }

        return builder.ToString();
    }

    private static void Check(SqliteConnection writer, string path)
    {
        // The durability promised (docs/CONFIGURATION.md) holds for WAL only; a file system without it is refused.
        if (Scalar(writer, "PRAGMA journal_mode = WAL") is not "wal" and var mode)
        {
            throw new HistoryStoreUnavailableException(
                $"History database {path} cannot use write-ahead logging (journal mode {mode}): keep it on a local file system and drop URI options such as nolock from Chat:History:ConnectionString.");
        }

        Execute(writer, "PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 67108864;");
        if (Scalar(writer, "PRAGMA quick_check(1)") is not "ok" and var problem)
        {
            throw new HistoryStoreUnavailableException(
                $"History database {path} is corrupt (quick_check: {OneLine(problem)}): restore it from a backup, or move it away to start with empty history.");
        }

        if (Scalar(writer, "PRAGMA user_version") is long version && version > Sql.SchemaVersion)
        {
            throw new HistoryStoreUnavailableException(
                $"History database {path} has schema version {version}, newer than this server's {Sql.SchemaVersion}: run a newer server, or set Chat:History:ConnectionString to another file.");
        }

        using var transaction = writer.BeginTransaction();
        using var schema = writer.CreateCommand();
        schema.Transaction = transaction;
        schema.CommandText = $"{Sql.CreateSchema} PRAGMA user_version = {Sql.SchemaVersion};";
        schema.ExecuteNonQuery();
        transaction.Commit();
    }

    private static Dictionary<string, long> LoadLastIds(SqliteConnection writer)
    {
        using var command = writer.CreateCommand();
        command.CommandText = Sql.LoadLastIds;
        using var reader = command.ExecuteReader();
        var lastIds = new Dictionary<string, long>();
        while (reader.Read())
        {
            lastIds[reader.GetString(0)] = reader.GetInt64(1);
        }

        return lastIds;
    }

    private static HistoryStoreUnavailableException Unavailable(string path, SqliteException exception)
    {
        var cause = OneLine(exception.Message);
        var message = exception.SqliteErrorCode switch
        {
            SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED =>
                $"History database {path} is locked by another process ({cause}): stop that process, or set Chat:History:ConnectionString to another file.",
            SQLitePCL.raw.SQLITE_CORRUPT or SQLitePCL.raw.SQLITE_NOTADB =>
                $"History database {path} is corrupt or not a SQLite database ({cause}): restore it from a backup, or move it away to start with empty history.",
            SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_PERM or SQLitePCL.raw.SQLITE_AUTH =>
                $"History database {path} cannot be opened for writing ({cause}): make sure its directory exists and this user may write the directory and the file, or set Chat:History:ConnectionString.",
            SQLitePCL.raw.SQLITE_FULL =>
                $"History database {path} cannot be written, the disk is full ({cause}): free some space, or set Chat:History:ConnectionString to another disk.",
            _ =>
                $"History database {path} cannot be used ({cause}): check the file and its disk, or set Chat:History:ConnectionString to another file.",
        };
        return new HistoryStoreUnavailableException(message, exception);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static string OneLine(object? text) => (text?.ToString() ?? "").ReplaceLineEndings(" ").TrimEnd('.');
}
