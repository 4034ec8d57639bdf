using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Chat.Handlers.History;

/// <summary>
/// History in a SQLite file (WAL, <c>synchronous=NORMAL</c>). An append completes once its transaction has committed
/// into the write-ahead log, which the operating system holds: it survives the process being killed (<c>kill -9</c>).
/// The log is synced to the disk only at checkpoints, so a power loss or an operating system crash may lose the latest
/// commits, never corrupting the file; <c>synchronous=FULL</c> would sync each commit.
/// One writer loop takes every queued append and commits them in one transaction (group commit); readers use their
/// own pooled connections and never wait for the writer.
/// </summary>
public sealed partial class SqliteHistoryStore : IHistoryStore, IAsyncDisposable
{
    // Appends wait for room beyond this (back-pressure on the senders); one transaction takes at most MaxBatch.
    private const int QueueCapacity = 4096;
    private const int MaxBatch = 1024;

    private readonly HistoryOptions _options;
    private readonly string _readConnectionString;
    private readonly SqliteConnection _writer;
    // Each room's committed last id (loaded at open), so the writer checks an append without a query.
    private readonly Dictionary<string, long> _lastIds;
    private readonly ILogger _logger;
    private readonly HistoryMetrics? _metrics;
    private readonly Channel<WriteOp> _queue =
        Channel.CreateBounded<WriteOp>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });
    private readonly List<WriteOp> _batch = new(MaxBatch);
    private readonly Task _writeLoop;
    private long _commits;
    private long _failedAppends;
    private Task? _probe;

    private SqliteHistoryStore(
        HistoryOptions options, string readConnectionString, SqliteConnection writer, Dictionary<string, long> lastIds, ILogger logger,
        HistoryMetrics? metrics)
    {
        _metrics = metrics;
        _options = options;
        _readConnectionString = readConnectionString;
        _writer = writer;
        _lastIds = lastIds;
        _logger = logger;
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Transactions committed so far (appends and prunes): a burst of appends shares a few.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Appends faulted because their transaction failed.</summary>
    public long FailedAppends => Interlocked.Read(ref _failedAppends);

    public ValueTask AppendAsync(HistoryEntry entry, CancellationToken cancellationToken = default)
    {
        HistoryEntry.Validate(entry);
        var op = new WriteOp(entry.WithPayloadWithin(_options.MaxPayloadBytes));
        return _queue.Writer.TryWrite(op) ? new ValueTask(op.Task) : EnqueueAsync(op, cancellationToken);
    }

    public ValueTask<HistoryPage> ReadAsync(string room, long? beforeId, int limit, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReadPage(Sql.ReadPage, room, "$before", beforeId ?? long.MaxValue, limit, newestFirst: true));

    public ValueTask<HistoryPage> ReadAfterAsync(string room, long afterId, int limit, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReadPage(Sql.ReadPageAfter, room, "$after", afterId, limit, newestFirst: false));

    public ValueTask<IReadOnlyList<RoomHistoryState>> LoadRoomsAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = Sql.LoadRooms;
        using var reader = command.ExecuteReader();
        var rooms = new List<RoomHistoryState>();
        while (reader.Read())
        {
            rooms.Add(ReadRoom(reader));
        }

        return ValueTask.FromResult<IReadOnlyList<RoomHistoryState>>(rooms);
    }

    public ValueTask<RoomHistoryState?> LoadRoomAsync(string room, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = Sql.LoadRoom;
        command.Parameters.AddWithValue("$key", HistoryEntry.KeyOf(room));
        using var reader = command.ExecuteReader();
        return ValueTask.FromResult(reader.Read() ? ReadRoom(reader) : null);
    }

    public async ValueTask<int> PruneAsync(int maxPerRoom, DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPerRoom);
        var op = new WriteOp(null, maxPerRoom, olderThan);
        await EnqueueAsync(op, cancellationToken);
        return await op.Task;
    }

    /// <summary>
    /// Takes the write lock on the writer loop and lets it go: faults when another process holds it past the busy
    /// timeout, or the file cannot be written. One check at a time; callers meanwhile share it.
    /// </summary>
    public ValueTask CheckWritableAsync(CancellationToken cancellationToken = default)
    {
        var probe = _probe;
        if (probe is null || probe.IsCompleted)
        {
            var op = WriteOp.Probe();
            probe = _probe = _queue.Writer.TryWrite(op) ? op.Task : EnqueueAsync(op, CancellationToken.None).AsTask();
        }

        return new ValueTask(probe.WaitAsync(cancellationToken));
    }

    /// <summary>Commits what is queued, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writeLoop;
        _writer.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_readConnectionString));
    }

    private async ValueTask EnqueueAsync(WriteOp op, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(op, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(SqliteHistoryStore));
        }

        await op.Task;
    }

    /// <summary>Up to <paramref name="limit"/> entries beyond the bound, oldest first, and whether more lie past them.</summary>
    private HistoryPage ReadPage(string sql, string room, string bound, long boundId, int limit, bool newestFirst)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        limit = Math.Min(limit, _options.MaxPageSize);
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", HistoryEntry.KeyOf(room));
        command.Parameters.AddWithValue(bound, boundId);
        command.Parameters.AddWithValue("$limit", limit + 1);
        var entries = new List<HistoryEntry>(limit + 1);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                entries.Add(ReadEntry(reader));
            }
        }

        var hasMore = entries.Count > limit;
        if (hasMore)
        {
            entries.RemoveAt(limit);
        }

        if (newestFirst)
        {
            entries.Reverse();
        }

        return new HistoryPage(entries, hasMore);
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return connection;
    }

    private static RoomHistoryState ReadRoom(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));

    private static HistoryEntry ReadEntry(SqliteDataReader reader) => new(
        Room: reader.GetString(0),
        Id: reader.GetInt64(1),
        Ts: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
        Kind: (HistoryKind)reader.GetInt32(3),
        From: reader.GetString(4),
        Text: reader.GetString(5),
        Payload: reader.IsDBNull(6)
            ? null
            : new HistoryPayload(
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetInt64(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));

    /// <summary>An append (with its entry), a prune or a probe; its task completes when the work is committed.</summary>
    private sealed class WriteOp(HistoryEntry? entry, int maxPerRoom = 0, DateTimeOffset olderThan = default, bool isProbe = false)
        : TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public HistoryEntry? Entry { get; } = entry;

        public bool IsProbe { get; } = isProbe;

        public int MaxPerRoom { get; } = maxPerRoom;

        public DateTimeOffset OlderThan { get; } = olderThan;

        /// <summary>Why this append was refused inside an otherwise good transaction.</summary>
        public Exception? Refusal { get; set; }

        public static WriteOp Probe() => new(null, isProbe: true);
    }
}
