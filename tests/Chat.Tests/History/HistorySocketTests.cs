using Chat.Handlers.History;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.History;

/// <summary>History as people and programs see it over real sockets: scrollback, /history, history off, retention.</summary>
public sealed class HistorySocketTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 14, 3, 7, TimeSpan.Zero));

    [Fact]
    public async Task TextUsersSeeTheLastMessagesWithTheirTimesBetweenTwoMarkerLines()
    {
        await using var server = await StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await SayAsync(alice, "hi", "/me waves", "/topic #general lunch at noon");

        await using var bob = await server.ConnectTextAsync("bob");

        Assert.Equal(
        [
            "*** Topic of #general: lunch at noon",
            "*** Earlier in #general (times in UTC):",
            "[14:03] #general <alice> hi",
            "[14:03] #general * alice waves",
            "[14:03] *** alice set the topic of #general: lunch at noon",
            "*** End of earlier messages in #general.",
        ], await bob.ReadLinesAsync(6));
        await AssertNothingElseAsync(bob);
    }

    [Fact]
    public async Task JsonUsersGetOneHistoryEventInTheShapeOfTheLiveEvents()
    {
        await using var server = await StartAsync("Chat:History:OnJoin=2");
        await using var alice = await server.ConnectTextAsync("alice");
        await SayAsync(alice, "one", "two", "three");

        await using var carol = await server.ConnectJsonAsync("carol");

        Assert.Equal(
            """{"type":"history","room":"general","messages":[""" +
            """{"type":"message","id":2,"ts":"2026-11-29T14:03:07+00:00","from":"alice","text":"two","room":"general"},""" +
            """{"type":"message","id":3,"ts":"2026-11-29T14:03:07+00:00","from":"alice","text":"three","room":"general"}""" +
            """],"more":true}""",
            await carol.ReadLineAsync());
        await carol.SendAsync("""{"type":"history","room":"#general","before":2,"limit":5}""");
        Assert.Equal(
            """{"type":"history","room":"general","messages":[{"type":"message","id":1,"ts":"2026-11-29T14:03:07+00:00","from":"alice","text":"one","room":"general"}],"more":false}""",
            await carol.ReadLineAsync());
    }

    [Fact]
    public async Task HistoryPagesBackWithBeforeAndTheCapOnN()
    {
        await using var server = await StartAsync("Chat:History:OnJoin=0", "Chat:History:MaxPageSize=3");
        await using var alice = await server.ConnectTextAsync("alice");
        await SayAsync(alice, "one", "two", "three", "four", "five");
        _clock.Advance(TimeSpan.FromDays(1));
        await SayAsync(alice, "the next day");

        await alice.SendAsync("/history 500");
        Assert.Equal(
        [
            "*** Earlier in #general (times in UTC):",
            "[2026-11-29 14:03] #general <alice> four",
            "[2026-11-29 14:03] #general <alice> five",
            "[14:03] #general <alice> the next day",
            "*** End of earlier messages; older ones: /history #general before 4",
        ], await alice.ReadLinesAsync(5));

        await alice.SendAsync("/history #general before 4 2");
        Assert.Equal(
        [
            "*** Earlier in #general (times in UTC):",
            "[14:03] #general <alice> two",
            "[14:03] #general <alice> three",
            "*** End of earlier messages; older ones: /history #general before 2",
        ], await alice.ReadLinesAsync(4));

        await alice.SendAsync("/history #general before 2");
        Assert.Equal(["*** Earlier in #general (times in UTC):", "[14:03] #general <alice> one", "*** End of earlier messages in #general."],
            await alice.ReadLinesAsync(3));
        await alice.SendAsync("/history #general before 1");
        Assert.Equal("*** No earlier messages in #general.", await alice.ReadLineAsync());
        await alice.SendAsync("/history #general since 1");
        Assert.Equal("!!! Usage: /history [#ROOM|ACCOUNT] [before ID] [N]", await alice.ReadLineAsync());
    }

    [Fact]
    public async Task WithHistoryOffJoinersSeeNoPastAndHistoryIsRefused()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await SayAsync(alice, "before bob");
        await using var bob = await server.ConnectTextAsync("bob");

        await bob.SendAsync("/history");

        Assert.Equal("!!! This server keeps no history.", await bob.ReadLineAsync());
        Assert.False(File.Exists(_database.Path));
        Assert.Null(server.Services.GetService<IHistoryStore>());
    }

    [Fact]
    public async Task RetentionKeepsTheNewestEntriesPerRoomAndDropsOldOnesOnTheServersClock()
    {
        await using var server = await StartAsync(
            "Chat:History:RetentionCount=3", "Chat:History:RetentionAge=01:00:00", "Chat:History:RetentionInterval=00:01:00");
        await using var alice = await server.ConnectTextAsync("alice");
        await SayAsync(alice, "one", "two", "three", "four", "five");
        var store = server.Services.GetRequiredService<IHistoryStore>();

        _clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(() => Texts(store).SequenceEqual(["three", "four", "five"]), "retention kept the newest 3");
        _clock.Advance(TimeSpan.FromMinutes(30));
        await SayAsync(alice, "later");
        _clock.Advance(TimeSpan.FromMinutes(31));
        await Eventually.TrueAsync(() => Texts(store).SequenceEqual(["later"]), "retention dropped entries older than an hour");

        await alice.SendAsync("/history");
        Assert.Equal(["*** Earlier in #general (times in UTC):", "[14:34] #general <alice> later", "*** End of earlier messages in #general."],
            await alice.ReadLinesAsync(3));
    }

    public void Dispose() => _database.Dispose();

    /// <summary>A server with history in this test's file, on the fake clock (which flood control uses too: no limit here).</summary>
    private Task<TestServer> StartAsync(params string[] settings) => TestServer.StartAsync(
        builder => builder.Services.AddSingleton<TimeProvider>(_clock),
        [.. _database.Settings, "Chat:Limits:MessagesPerSecond=1000000", "Chat:Limits:MessageBurst=1000000", .. settings]);

    /// <summary>Sends text lines, then waits for the answer to a /who: every line before it has been delivered, so stored.</summary>
    private static async Task SayAsync(TestClient client, params string[] lines)
    {
        foreach (var line in lines)
        {
            await client.SendAsync(line);
        }

        await client.SendAsync("/who");
        await client.ExpectAsync("*** #general (");
    }

    /// <summary>The next line is the answer to a /who: nothing came before it.</summary>
    private static async Task AssertNothingElseAsync(TestClient client)
    {
        await client.SendAsync("/who");
        Assert.StartsWith("*** #general (", await client.ReadLineAsync());
    }

    private static IEnumerable<string> Texts(IHistoryStore store) =>
        store.ReadAsync("general", null, 100).AsTask().Result.Entries.Select(e => e.Text);
}
