using Chat.Handlers.History;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Chat.Tests.History;

public sealed class SqliteHistoryStoreTests : HistoryStoreTestBase
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chat-history-").FullName;

    private string DatabasePath => Path.Combine(_directory, "chat.db");

    private HistoryOptions Options(string? connectionString = null) =>
        new() { ConnectionString = connectionString ?? $"Data Source={DatabasePath}" };

    protected override IHistoryStore CreateStore(HistoryOptions options) =>
        SqliteHistoryStore.Open(options with { ConnectionString = Options().ConnectionString }, new ListLogger<SqliteHistoryStore>());

    [Fact]
    public async Task HistoryIdsAndTopicsSurviveReopeningTheFile()
    {
        await using (var first = SqliteHistoryStore.Open(Options(), new ListLogger<SqliteHistoryStore>()))
        {
            await AppendAsync(first,
                new HistoryEntry("General", 1, T0, HistoryKind.Topic, "alice", "welcome"),
                Message("general", 2),
                Message("dev", 1));
        }

        await using var second = SqliteHistoryStore.Open(Options(), new ListLogger<SqliteHistoryStore>());

        Assert.Equal(
            [new RoomHistoryState("dev", 1, null), new RoomHistoryState("general", 2, "welcome")],
            await second.LoadRoomsAsync(Ct));
        Assert.Equal([1, 2], await IdsAsync(second, "general"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => second.AppendAsync(Message("general", 2), Ct).AsTask());
        await AppendAsync(second, Message("general", 3));
        Assert.Equal([1, 2, 3], await IdsAsync(second, "general"));
    }

    [Fact]
    public async Task ABurstOfAThousandAppendsSharesAFewCommits()
    {
        await using var store = SqliteHistoryStore.Open(Options(), new ListLogger<SqliteHistoryStore>());
        var before = store.Commits;

        await Task.WhenAll(Enumerable.Range(1, 1000).Select(i => store.AppendAsync(Message("general", i), Ct).AsTask()));

        Assert.InRange(store.Commits - before, 1, 20);
        Assert.Equal([new RoomHistoryState("general", 1000, null)], await store.LoadRoomsAsync(Ct));
        Assert.Equal(Enumerable.Range(901, 100).Select(i => (long)i), await IdsAsync(store, "general"));
    }

    [Fact]
    public async Task DisposingCommitsWhatIsQueuedAndLaterAppendsAreRefused()
    {
        var store = SqliteHistoryStore.Open(Options(), new ListLogger<SqliteHistoryStore>());
        var appends = Enumerable.Range(1, 200).Select(i => store.AppendAsync(Message("general", i), Ct).AsTask()).ToArray();

        await store.DisposeAsync();

        await Task.WhenAll(appends);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AppendAsync(Message("general", 201), Ct).AsTask());
        await using var reopened = SqliteHistoryStore.Open(Options(), new ListLogger<SqliteHistoryStore>());
        Assert.Equal([new RoomHistoryState("general", 200, null)], await reopened.LoadRoomsAsync(Ct));
    }

    [Fact]
    public async Task AFailedCommitFaultsItsAppendsIsLoggedAndTheStoreRecovers()
    {
        var logger = new ListLogger<SqliteHistoryStore>();
        // Another process holding the write lock past the busy timeout is a write failure at run time.
        await using var store = SqliteHistoryStore.Open(Options($"Data Source={DatabasePath};Default Timeout=1"), logger);
        await AppendAsync(store, Message("general", 1));
        using (var other = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            other.Open();
            using var hold = other.BeginTransaction();

            var failure = await Assert.ThrowsAsync<SqliteException>(() => store.AppendAsync(Message("general", 2), Ct).AsTask());

            Assert.Equal(SQLitePCL.raw.SQLITE_BUSY, failure.SqliteErrorCode);
        }

        Assert.Equal(1, store.FailedAppends);
        var logged = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal(801, logged.Id.Id);
        await AppendAsync(store, Message("general", 2));
        Assert.Equal([1, 2], await IdsAsync(store, "general"));
    }

    [Fact]
    public void AFileThatIsNotADatabaseStopsTheStartWithOneLine()
    {
        File.WriteAllBytes(DatabasePath, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7 + 3))]);

        var message = OpenFails(Options());

        Assert.Contains("corrupt", message);
    }

    [Fact]
    public async Task ADatabaseWithDamagedPagesStopsTheStartWithOneLine()
    {
        await using (var store = SqliteHistoryStore.Open(Options(), new ListLogger<SqliteHistoryStore>()))
        {
            await Task.WhenAll(Enumerable.Range(1, 2000).Select(i => store.AppendAsync(Message("general", i), Ct).AsTask()));
        }

        // Keep the header and the schema page; overwrite pages further in.
        using (var file = File.OpenWrite(DatabasePath))
        {
            file.Position = 3 * 4096;
            file.Write([.. Enumerable.Range(0, 8 * 4096).Select(i => (byte)(i * 13 + 1))]);
        }

        var message = OpenFails(Options());

        Assert.Contains("corrupt", message);
    }

    [Fact]
    public void ADatabaseLockedByAnotherProcessStopsTheStartWithOneLine()
    {
        using var other = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        other.Open();
        using (var wal = other.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE t (x)";
            wal.ExecuteNonQuery();
        }

        using var hold = other.BeginTransaction();

        var message = OpenFails(Options($"Data Source={DatabasePath};Default Timeout=1"));

        Assert.Contains("locked", message);
    }

    [Fact]
    public async Task APathThatCannotBeWrittenStopsTheStartWithOneLine()
    {
        Assert.Contains("cannot be opened for writing", OpenFails(Options($"Data Source={_directory}")));
        Assert.Contains("cannot be opened for writing", OpenFails(Options($"Data Source={Path.Combine(_directory, "missing", "chat.db")}")));
        await SqliteHistoryStore.Open(Options(), new ListLogger<SqliteHistoryStore>()).DisposeAsync();

        Assert.Contains("cannot be opened for writing", OpenFails(Options($"Data Source={DatabasePath};Mode=ReadOnly")));
    }

    [Fact]
    public void ADatabaseThatCannotUseWriteAheadLoggingIsRefused()
    {
        var uri = $"file:{DatabasePath}?nolock=1";

        Assert.Contains("cannot use write-ahead logging (journal mode delete)", OpenFails(Options($"Data Source={uri}")));
    }

    [Fact]
    public void AConnectionStringWithoutAFileIsRefused()
    {
        Assert.Contains("names no database file", OpenFails(Options("Data Source=:memory:"), path: ":memory:"));
        Assert.Contains("is not valid (Connection string keyword 'colour' is not supported", OpenFails(Options("Data Source=chat.db;Colour=blue"), path: "ConnectionString"));
    }

    [Fact]
    public void ARelativeDataSourceIsBesideTheApp()
    {
        var resolved = new SqliteConnectionStringBuilder(SqliteHistoryStore.ResolveConnectionString("Data Source=chat.db;Default Timeout=5"));

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "chat.db"), resolved.DataSource);
        Assert.Equal(5, resolved.DefaultTimeout);
        Assert.Equal(DatabasePath, new SqliteConnectionStringBuilder(SqliteHistoryStore.ResolveConnectionString(Options().ConnectionString)).DataSource);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Opening fails with one line that names the file (or the faulty setting).</summary>
    private string OpenFails(HistoryOptions options, string? path = null)
    {
        var exception = Assert.Throws<HistoryStoreUnavailableException>(() => SqliteHistoryStore.Open(options, new ListLogger<SqliteHistoryStore>()));
        Assert.DoesNotContain('\n', exception.Message);
        Assert.Contains(path ?? new SqliteConnectionStringBuilder(options.ConnectionString).DataSource, exception.Message);
        return exception.Message;
    }
}
