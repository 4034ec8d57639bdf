using System.Threading.Channels;
using Chat.Handlers.History;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.History;

/// <summary>Retention on a fake clock: the test moves time and waits for each pass, nothing sleeps.</summary>
public sealed class HistoryRetentionServiceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(T0);
    private readonly HistoryOptions _options = new()
    {
        RetentionCount = 2,
        RetentionAge = TimeSpan.FromDays(30),
        RetentionInterval = TimeSpan.FromMinutes(10),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PrunesByCountAndAgeAtStartAndEveryInterval()
    {
        var store = new RecordingStore(new InMemoryHistoryStore(new HistoryOptions()));
        await store.AppendAsync(Entry(1, T0.AddDays(-40)), Ct);
        await store.AppendAsync(Entry(2, T0.AddDays(-31)), Ct);
        await store.AppendAsync(Entry(3, T0.AddDays(-1)), Ct);
        await store.AppendAsync(Entry(4, T0.AddDays(-1)), Ct);
        await store.AppendAsync(Entry(5, T0), Ct);
        using var service = new HistoryRetentionService(store, Microsoft.Extensions.Options.Options.Create(_options), _clock, new ListLogger<HistoryRetentionService>());

        await service.StartAsync(Ct);

        Assert.Equal((2, T0.AddDays(-30), 3), await store.NextPruneAsync());
        Assert.Equal([4, 5], await IdsAsync(store));

        await store.AppendAsync(Entry(6, _clock.GetUtcNow()), Ct);
        _clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal((2, T0.AddMinutes(10).AddDays(-30), 1), await store.NextPruneAsync());
        Assert.Equal([5, 6], await IdsAsync(store));
        await service.StopAsync(Ct);
    }

    [Fact]
    public async Task AFailedPassIsLoggedAndTheNextIntervalTriesAgain()
    {
        var store = new RecordingStore(new InMemoryHistoryStore(new HistoryOptions())) { FailNextPrune = true };
        var logger = new ListLogger<HistoryRetentionService>();
        using var service = new HistoryRetentionService(store, Microsoft.Extensions.Options.Options.Create(_options), _clock, logger);

        await service.StartAsync(Ct);
        await store.NextPruneAsync();
        _clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal((2, T0.AddMinutes(10).AddDays(-30), 0), await store.NextPruneAsync());
        var logged = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal(811, logged.Id.Id);
        Assert.IsType<IOException>(logged.Exception);
        await service.StopAsync(Ct);
    }

    private static HistoryEntry Entry(long id, DateTimeOffset ts) => new("general", id, ts, HistoryKind.Message, "alice", "hi");

    private static async Task<IReadOnlyList<long>> IdsAsync(IHistoryStore store) =>
        [.. (await store.ReadAsync("general", null, 100, Ct)).Entries.Select(e => e.Id)];

    /// <summary>Reports each prune pass (its arguments and result, or that it failed) to the test.</summary>
    private sealed class RecordingStore(IHistoryStore inner) : IHistoryStore
    {
        private readonly Channel<(int MaxPerRoom, DateTimeOffset OlderThan, int Deleted)> _prunes = Channel.CreateUnbounded<(int, DateTimeOffset, int)>();

        public bool FailNextPrune { get; set; }

        public ValueTask AppendAsync(HistoryEntry entry, CancellationToken cancellationToken = default) => inner.AppendAsync(entry, cancellationToken);

        public ValueTask<HistoryPage> ReadAsync(string room, long? beforeId, int limit, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(room, beforeId, limit, cancellationToken);

        public ValueTask<HistoryPage> ReadAfterAsync(string room, long afterId, int limit, CancellationToken cancellationToken = default) =>
            inner.ReadAfterAsync(room, afterId, limit, cancellationToken);

        public ValueTask<IReadOnlyList<RoomHistoryState>> LoadRoomsAsync(CancellationToken cancellationToken = default) =>
            inner.LoadRoomsAsync(cancellationToken);

        public ValueTask<RoomHistoryState?> LoadRoomAsync(string room, CancellationToken cancellationToken = default) =>
            inner.LoadRoomAsync(room, cancellationToken);

        public async ValueTask<int> PruneAsync(int maxPerRoom, DateTimeOffset olderThan, CancellationToken cancellationToken = default)
        {
            if (FailNextPrune)
            {
                FailNextPrune = false;
                _prunes.Writer.TryWrite((maxPerRoom, olderThan, -1));
                throw new IOException("disk gone");
            }

            var deleted = await inner.PruneAsync(maxPerRoom, olderThan, cancellationToken);
            _prunes.Writer.TryWrite((maxPerRoom, olderThan, deleted));
            return deleted;
        }

        public ValueTask CheckWritableAsync(CancellationToken cancellationToken = default) => inner.CheckWritableAsync(cancellationToken);

        public async Task<(int MaxPerRoom, DateTimeOffset OlderThan, int Deleted)> NextPruneAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            return await _prunes.Reader.ReadAsync(timeout.Token);
        }
    }
}
