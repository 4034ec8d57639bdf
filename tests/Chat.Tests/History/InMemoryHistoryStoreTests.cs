using Chat.Handlers.History;

namespace Chat.Tests.History;

public sealed class InMemoryHistoryStoreTests : HistoryStoreTestBase
{
    protected override IHistoryStore CreateStore(HistoryOptions options) => new InMemoryHistoryStore(options);

    [Fact]
    public async Task EachRoomHoldsAtMostRetentionCountEntries()
    {
        var store = NewStore(new HistoryOptions { RetentionCount = 3 });
        await AppendAsync(store, [.. Enumerable.Range(1, 5).Select(i => Message("general", i))]);
        await AppendAsync(store, Message("dev", 1));

        Assert.Equal([3, 4, 5], await IdsAsync(store, "general"));
        Assert.False((await store.ReadAsync("general", null, 10, Ct)).HasMore);
        Assert.Equal([1], await IdsAsync(store, "dev"));
    }
}
