using Chat.Handlers.History;

namespace Chat.Tests.History;

/// <summary>
/// What every <see cref="IHistoryStore"/> must do; each implementation's tests inherit these
/// (as SignalR's HubLifetimeManagerTestBase does for its lifetime managers).
/// </summary>
public abstract class HistoryStoreTestBase : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<IHistoryStore> _stores = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new, empty store of the implementation under test.</summary>
    protected abstract IHistoryStore CreateStore(HistoryOptions options);

    protected IHistoryStore NewStore(HistoryOptions? options = null)
    {
        var store = CreateStore(options ?? new HistoryOptions());
        _stores.Add(store);
        return store;
    }

    protected static HistoryEntry Message(string room, long id, DateTimeOffset? ts = null) =>
        new(room, id, ts ?? T0.AddSeconds(id), HistoryKind.Message, "alice", $"line {id}");

    protected static async Task AppendAsync(IHistoryStore store, params HistoryEntry[] entries)
    {
        foreach (var entry in entries)
        {
            await store.AppendAsync(entry, Ct);
        }
    }

    protected static async Task<IReadOnlyList<long>> IdsAsync(IHistoryStore store, string room, long? beforeId = null, int limit = 100) =>
        [.. (await store.ReadAsync(room, beforeId, limit, Ct)).Entries.Select(e => e.Id)];

    protected static void AssertEmpty(HistoryPage page)
    {
        Assert.Empty(page.Entries);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task EntriesReadBackOldestFirstWithEveryField()
    {
        var store = NewStore();
        HistoryEntry[] entries =
        [
            new("general", 1, T0, HistoryKind.Message, "alice", "hi"),
            new("general", 2, T0.AddMilliseconds(1500), HistoryKind.Action, "bob", "waves"),
            new("general", 3, T0.AddSeconds(2), HistoryKind.Topic, "carol", "Plans for Friday"),
            new("general", 4, T0.AddSeconds(3), HistoryKind.Message, "dave", "see file",
                new HistoryPayload("image/png", "cat.png", 3, "AQID")),
            new("general", 5, T0.AddSeconds(4), HistoryKind.Message, "erin", "no name",
                new HistoryPayload("application/octet-stream", null, 1, "AA==")),
        ];
        await AppendAsync(store, entries);

        var page = await store.ReadAsync("general", null, 10, Ct);

        Assert.Equal(entries, page.Entries);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task ReadingBeforeAnIdPagesBackwardsUntilNothingIsLeft()
    {
        var store = NewStore();
        await AppendAsync(store, [.. Enumerable.Range(1, 10).Select(i => Message("general", i))]);

        var newest = await store.ReadAsync("general", null, 4, Ct);
        Assert.Equal([7, 8, 9, 10], newest.Entries.Select(e => e.Id));
        Assert.True(newest.HasMore);

        var older = await store.ReadAsync("general", 7, 4, Ct);
        Assert.Equal([3, 4, 5, 6], older.Entries.Select(e => e.Id));
        Assert.True(older.HasMore);

        var oldest = await store.ReadAsync("general", 3, 4, Ct);
        Assert.Equal([1, 2], oldest.Entries.Select(e => e.Id));
        Assert.False(oldest.HasMore);

        AssertEmpty(await store.ReadAsync("general", 1, 4, Ct));
        // An id that was never stored pages from the nearest one below it.
        Assert.Equal([4, 5], await IdsAsync(store, "general", beforeId: 6, limit: 2));
    }

    [Fact]
    public async Task ReadingAfterAnIdPagesForwardsUntilNothingIsLeft()
    {
        var store = NewStore(new HistoryOptions { MaxPageSize = 4 });
        await AppendAsync(store, [.. Enumerable.Range(1, 10).Select(i => Message("general", i))]);

        var first = await store.ReadAfterAsync("general", 0, 4, Ct);
        Assert.Equal([1, 2, 3, 4], first.Entries.Select(e => e.Id));
        Assert.True(first.HasMore);

        var capped = await store.ReadAfterAsync("general", 4, 500, Ct);
        Assert.Equal([5, 6, 7, 8], capped.Entries.Select(e => e.Id));
        Assert.True(capped.HasMore);

        var last = await store.ReadAfterAsync("general", 8, 4, Ct);
        Assert.Equal([9, 10], last.Entries.Select(e => e.Id));
        Assert.False(last.HasMore);

        AssertEmpty(await store.ReadAfterAsync("general", 10, 4, Ct));
        AssertEmpty(await store.ReadAfterAsync("nowhere", 0, 4, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadAfterAsync("general", 0, 0, Ct).AsTask());
    }

    [Fact]
    public async Task APageThatTakesTheLastEntriesHasNoMore()
    {
        var store = NewStore();
        await AppendAsync(store, [.. Enumerable.Range(1, 4).Select(i => Message("general", i))]);

        var page = await store.ReadAsync("general", null, 4, Ct);

        Assert.Equal([1, 2, 3, 4], page.Entries.Select(e => e.Id));
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task APageIsCappedAtMaxPageSizeAndMustAskForOneEntryAtLeast()
    {
        var store = NewStore(new HistoryOptions { MaxPageSize = 3 });
        await AppendAsync(store, [.. Enumerable.Range(1, 5).Select(i => Message("general", i))]);

        var page = await store.ReadAsync("general", null, 500, Ct);

        Assert.Equal([3, 4, 5], page.Entries.Select(e => e.Id));
        Assert.True(page.HasMore);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ReadAsync("general", null, 0, Ct).AsTask());
    }

    [Fact]
    public async Task RoomsCompareIgnoringCaseAndEntriesKeepTheirSpelling()
    {
        var store = NewStore();
        await AppendAsync(store, Message("General", 1), Message("GENERAL", 2), Message("dev", 1));

        var page = await store.ReadAsync("general", null, 10, Ct);

        Assert.Equal(["General", "GENERAL"], page.Entries.Select(e => e.Room));
        Assert.Equal([1], await IdsAsync(store, "DEV"));
        AssertEmpty(await store.ReadAsync("nowhere", null, 10, Ct));
    }

    [Fact]
    public async Task AnIdNotAfterTheRoomsLastIsRefusedAndStoresNothing()
    {
        var store = NewStore();
        await AppendAsync(store, Message("general", 5));

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(Message("General", 5), Ct).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(Message("general", 3), Ct).AsTask());
        await AppendAsync(store, Message("dev", 3), Message("general", 6));

        Assert.Equal([5, 6], await IdsAsync(store, "general"));
        Assert.Equal([3], await IdsAsync(store, "dev"));
    }

    [Fact]
    public async Task InABurstOnlyTheRefusedAppendFaults()
    {
        var store = NewStore();
        var appends = new[]
        {
            Message("general", 1),
            new HistoryEntry("general", 2, T0, HistoryKind.Topic, "alice", "burst"),
            Message("general", 2),
            Message("general", 3),
            Message("dev", 1),
        }.Select(e => store.AppendAsync(e, Ct).AsTask()).ToArray();

        await Assert.ThrowsAsync<InvalidOperationException>(() => appends[2]);
        await Task.WhenAll(appends.Where((_, i) => i != 2));
        Assert.Equal([1, 2, 3], await IdsAsync(store, "general"));
        Assert.Equal(HistoryKind.Topic, (await store.ReadAsync("general", 3, 1, Ct)).Entries[0].Kind);
        Assert.Equal(
            [new RoomHistoryState("dev", 1, null), new RoomHistoryState("general", 3, "burst")],
            (await store.LoadRoomsAsync(Ct)).OrderBy(r => r.Room));
    }

    [Fact]
    public async Task MalformedEntriesAreRejectedBeforeAnythingIsStored()
    {
        var store = NewStore();

        Assert.Throws<ArgumentException>(() => store.AppendAsync(Message("", 1), Ct));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.AppendAsync(Message("general", 0), Ct));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.AppendAsync(Message("general", 1) with { Kind = (HistoryKind)7 }, Ct));

        Assert.Empty(await store.LoadRoomsAsync(Ct));
    }

    [Fact]
    public async Task LoadRoomsGivesEveryRoomsLastIdAndCurrentTopic()
    {
        var store = NewStore();
        await AppendAsync(store,
            new HistoryEntry("General", 1, T0, HistoryKind.Topic, "alice", "first topic"),
            new HistoryEntry("general", 2, T0, HistoryKind.Topic, "bob", "second topic"),
            Message("general", 7),
            Message("dev", 3),
            new HistoryEntry("ops", 1, T0, HistoryKind.Topic, "carol", "on call"),
            new HistoryEntry("ops", 2, T0, HistoryKind.Topic, "carol", ""));

        var rooms = await store.LoadRoomsAsync(Ct);

        Assert.Equal(
            [new RoomHistoryState("dev", 3, null), new RoomHistoryState("general", 7, "second topic"), new RoomHistoryState("ops", 2, null)],
            rooms.OrderBy(r => r.Room, StringComparer.OrdinalIgnoreCase));
        Assert.Equal(new RoomHistoryState("general", 7, "second topic"), await store.LoadRoomAsync("GENERAL", Ct));
        Assert.Equal(new RoomHistoryState("ops", 2, null), await store.LoadRoomAsync("ops", Ct));
        Assert.Null(await store.LoadRoomAsync("nowhere", Ct));
    }

    [Fact]
    public async Task PruningByCountKeepsTheNewestOfEachRoom()
    {
        var store = NewStore();
        await AppendAsync(store, [.. Enumerable.Range(1, 6).Select(i => Message("general", i))]);
        await AppendAsync(store, [.. Enumerable.Range(1, 2).Select(i => Message("dev", i))]);

        var deleted = await store.PruneAsync(3, T0.AddDays(-1), Ct);

        Assert.Equal(3, deleted);
        Assert.Equal([4, 5, 6], await IdsAsync(store, "general"));
        Assert.Equal([1, 2], await IdsAsync(store, "dev"));
        Assert.False((await store.ReadAsync("general", null, 3, Ct)).HasMore);
    }

    [Fact]
    public async Task PruningByAgeDeletesEntriesOlderThanTheCutoff()
    {
        var store = NewStore();
        await AppendAsync(store,
            Message("general", 1, T0.AddDays(-40)),
            Message("general", 2, T0.AddDays(-31)),
            Message("general", 3, T0.AddDays(-30)),
            Message("general", 4, T0),
            Message("dev", 1, T0.AddDays(-35)));

        var deleted = await store.PruneAsync(100, T0.AddDays(-30), Ct);

        Assert.Equal(3, deleted);
        Assert.Equal([3, 4], await IdsAsync(store, "general"));
        Assert.Empty(await IdsAsync(store, "dev"));
    }

    [Fact]
    public async Task APrunedRoomKeepsItsLastIdAndTopicAndItsIdsAreNotReused()
    {
        var store = NewStore();
        await AppendAsync(store,
            new HistoryEntry("general", 1, T0.AddDays(-60), HistoryKind.Topic, "alice", "old but current"),
            Message("general", 2, T0.AddDays(-60)));

        Assert.Equal(2, await store.PruneAsync(0, T0, Ct));

        Assert.Equal([new RoomHistoryState("general", 2, "old but current")], await store.LoadRoomsAsync(Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(Message("general", 2), Ct).AsTask());
        await AppendAsync(store, Message("general", 3));
        Assert.Equal([3], await IdsAsync(store, "general"));
    }

    [Fact]
    public async Task APayloadIsKeptUpToMaxPayloadBytesAndLargerOnesAsMetadataOnly()
    {
        var store = NewStore(new HistoryOptions { MaxPayloadBytes = 4 });
        var small = new HistoryPayload("image/png", "small.png", 4, "AQIDBA==");
        var large = new HistoryPayload("application/pdf", "large.pdf", 5, "AQIDBAU=");
        await AppendAsync(store,
            Message("general", 1) with { Payload = small },
            Message("general", 2) with { Payload = large });

        var page = await store.ReadAsync("general", null, 10, Ct);

        Assert.Equal(small, page.Entries[0].Payload);
        Assert.Equal(large with { Data = null }, page.Entries[1].Payload);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var store in _stores.OfType<IAsyncDisposable>())
        {
            await store.DisposeAsync();
        }
    }
}
