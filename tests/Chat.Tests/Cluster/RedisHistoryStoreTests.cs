using System.Text.Json;
using Chat.Handlers.History;
using Chat.Redis;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Cluster;

/// <summary>
/// The cluster's history in a real redis-server, written by the publish script of a node in this process: every field
/// kept, pages by id, room states, direct messages between accounts, and retention by count and by age.
/// </summary>
public sealed class RedisHistoryStoreTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryKeptFieldReadsBackAndPagesGoBackByRoomId()
    {
        await using var server = await StartAsync("Chat:History:MaxPayloadBytes=4");
        await using var alice = await server.ConnectJsonAsync("alice");
        await alice.SendAsync("""{"type":"join","room":"Dev"}""");
        await alice.ExpectJsonAsync("join", e => Text(e, "room") == "Dev");
        (string Type, string Line)[] sent =
        [
            ("topic", """{"type":"topic","room":"dev","topic":"plans"}"""),
            ("message", """{"type":"say","room":"dev","text":"hi"}"""),
            ("action", """{"type":"action","room":"dev","text":"waves"}"""),
            ("message", """{"type":"say","room":"dev","text":"small","contentType":"image/png","name":"a.png","data":"AQIDBA=="}"""),
            ("message", """{"type":"say","room":"dev","text":"large","contentType":"application/pdf","data":"AQIDBAU="}"""),
        ];
        var live = new List<JsonElement>();
        foreach (var (type, line) in sent)
        {
            await alice.SendAsync(line);
            live.Add(await alice.ExpectJsonAsync(type, e => e.TryGetProperty("id", out _)));
        }

        var store = Assert.IsType<RedisHistoryStore>(server.Services.GetRequiredService<IHistoryStore>());
        var page = await store.ReadAsync("DEV", null, 10, Ct);

        Assert.False(page.HasMore);
        Assert.Equal(live.Select(e => e.GetProperty("id").GetInt64()), page.Entries.Select(e => e.Id));
        Assert.All(page.Entries, e => Assert.Equal("Dev", e.Room));
        Assert.Equal([HistoryKind.Topic, HistoryKind.Message, HistoryKind.Action, HistoryKind.Message, HistoryKind.Message], page.Entries.Select(e => e.Kind));
        Assert.Equal(["plans", "hi", "waves", "small", "large"], page.Entries.Select(e => e.Text));
        Assert.All(page.Entries, e => Assert.Equal("alice", e.From));
        Assert.Equal(live.Select(e => e.GetProperty("ts").GetDateTimeOffset()), page.Entries.Select(e => e.Ts));
        Assert.Equal(new HistoryPayload("image/png", "a.png", 4, "AQIDBA=="), page.Entries[3].Payload);
        Assert.Equal(new HistoryPayload("application/pdf", null, 5, null), page.Entries[4].Payload);

        var ids = page.Entries.Select(e => e.Id).ToArray();
        var older = await store.ReadAsync("dev", ids[3], 2, Ct);
        Assert.Equal(ids[1..3], older.Entries.Select(e => e.Id));
        Assert.True(older.HasMore);
        Assert.Equal([ids[0]], (await store.ReadAsync("dev", ids[1], 5, Ct)).Entries.Select(e => e.Id));
        Assert.Empty((await store.ReadAsync("dev", ids[0], 5, Ct)).Entries);
        Assert.Empty((await store.ReadAsync("nowhere", null, 5, Ct)).Entries);
        var newer = await store.ReadAfterAsync("dev", ids[1], 2, Ct);
        Assert.Equal(ids[2..4], newer.Entries.Select(e => e.Id));
        Assert.True(newer.HasMore);
        Assert.Equal([ids[^1]], (await store.ReadAfterAsync("dev", ids[^2], 5, Ct)).Entries.Select(e => e.Id));
        Assert.Empty((await store.ReadAfterAsync("dev", ids[^1], 5, Ct)).Entries);

        Assert.Equal(new RoomHistoryState("Dev", ids[^1], "plans"), await store.LoadRoomAsync("dev", Ct));
        Assert.Null(await store.LoadRoomAsync("nowhere", Ct));
        Assert.Contains(new RoomHistoryState("Dev", ids[^1], "plans"), await store.LoadRoomsAsync(Ct));
    }

    [Fact]
    public async Task DirectMessagesBetweenAccountsAreKeptUnderTheirConversation()
    {
        await using var server = await StartAsync();
        await using var alice = await AccountAsync(server, "alice");
        await using var bob = await AccountAsync(server, "bob");
        await alice.SendAsync("""{"type":"say","to":"bob","text":"psst"}""");
        var live = await bob.ExpectJsonAsync("message", e => Text(e, "text") == "psst");

        await bob.SendAsync("""{"type":"history","with":"alice"}""");
        var message = Assert.Single((await bob.ExpectJsonAsync("history")).GetProperty("messages").EnumerateArray());
        Assert.Equal((live.GetProperty("id").GetInt64(), "alice", "bob", "psst"),
            (message.GetProperty("id").GetInt64(), Text(message, "from"), Text(message, "to"), Text(message, "text")));
        var entry = Assert.Single((await server.Services.GetRequiredService<IHistoryStore>().ReadAsync("@alice@bob", null, 10, Ct)).Entries);
        Assert.Equal(HistoryKind.Direct, entry.Kind);
    }

    [Fact]
    public async Task RetentionKeepsTheNewestByCountThenDropsWhatIsOlderThanTheCutoff()
    {
        await using var server = await StartAsync();
        await using var bob = await server.ConnectJsonAsync("bob");
        var store = server.Services.GetRequiredService<IHistoryStore>();
        for (var i = 0; i < 5; i++)
        {
            await SayAsync(bob, $"count {i}");
        }

        var five = (await store.ReadAsync("general", null, 10, Ct)).Entries;
        Assert.Equal(2, await store.PruneAsync(3, DateTimeOffset.UnixEpoch, Ct));
        Assert.Equal(five.Skip(2), (await store.ReadAsync("general", null, 10, Ct)).Entries);

        // Redis stamps the time: talk until its clock has moved past the oldest entry kept (a millisecond or so).
        var oldest = five[2].Ts;
        HistoryEntry newer;
        var said = 0;
        do
        {
            Assert.True(++said < 1000, "Redis's clock did not move");
            newer = (await store.ReadAsync("general", null, 1, Ct)).Entries[0];
            if (newer.Ts == oldest)
            {
                await SayAsync(bob, $"age {said}");
            }
        }
        while (newer.Ts == oldest);

        var before = (await store.ReadAsync("general", null, 100, Ct)).Entries;
        var kept = before.Where(e => e.Ts >= newer.Ts).ToArray();
        Assert.Equal(before.Count - kept.Length, await store.PruneAsync(100, newer.Ts, Ct));
        Assert.Equal(kept, (await store.ReadAsync("general", null, 100, Ct)).Entries);
        Assert.Equal(0, await store.PruneAsync(100, newer.Ts, Ct));

        // All gone; the room keeps its last id.
        Assert.Equal(kept.Length, await store.PruneAsync(100, DateTimeOffset.UtcNow.AddDays(1), Ct));
        Assert.Empty((await store.ReadAsync("general", null, 100, Ct)).Entries);
        Assert.Equal(kept[^1].Id, (await store.LoadRoomAsync("general", Ct))!.LastId);
    }

    public async ValueTask InitializeAsync() => await _redis.StartAsync();

    public ValueTask DisposeAsync()
    {
        _redis.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<TestServer> StartAsync(params string[] settings) =>
        TestServer.StartAsync([$"Chat:Cluster:Redis={_redis.Configuration}", "Chat:History:Enabled=true", .. settings]);

    private static async Task<TestClient> AccountAsync(TestServer server, string name)
    {
        var client = await server.ConnectJsonAsync(name);
        await client.SendAsync("""{"type":"register","password":"correct-horse-7"}""");
        await client.ExpectJsonAsync("account");
        return client;
    }

    private static async Task SayAsync(TestClient client, string text)
    {
        await client.SendAsync($$"""{"type":"say","text":"{{text}}"}""");
        await client.ExpectJsonAsync("message", e => Text(e, "text") == text);
    }

    private static string Text(JsonElement e, string property) => e.GetProperty(property).GetString()!;
}
