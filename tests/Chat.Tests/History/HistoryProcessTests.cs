using System.Text.Json;
using System.Text.RegularExpressions;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.History;

/// <summary>
/// History across real server processes on one database file: a restart, a <c>kill -9</c> in the middle of a burst,
/// and a file that cannot be used. They start processes, so they run alone (<see cref="HeavyTests"/>).
/// </summary>
[Collection(HeavyTests.Collection)]
public sealed partial class HistoryProcessTests : IDisposable
{
    private static readonly string[] NoFloodLimit = ["Chat:Limits:MessagesPerSecond=1000000", "Chat:Limits:MessageBurst=1000000"];

    private readonly TempDatabase _database = new();

    [Fact]
    public async Task ARestartedServerShowsTheLastMessagesContinuesTheIdsAndKeepsTheTopic()
    {
        long[] idsBefore;
        using (var first = await StartAsync())
        {
            await using var bob = await RegisterJsonAsync("bob");
            await using var alice = await RegisterTextAsync("alice");
            foreach (var line in new[] { "/topic #general release on friday", "one", "two" })
            {
                await alice.SendAsync(line);
            }

            idsBefore = [(await bob.ExpectJsonAsync("topic")).GetProperty("id").GetInt64(),
                (await bob.ExpectJsonAsync("message")).GetProperty("id").GetInt64(),
                (await bob.ExpectJsonAsync("message")).GetProperty("id").GetInt64()];
            Assert.Equal(0, await first.StopAsync());
        }

        using var second = await StartAsync();
        await using var dave = await RegisterJsonAsync("dave");
        await using var carol = await RegisterTextAsync("carol");

        Assert.Equal(
        [
            "*** Topic of #general: release on friday",
            "*** Earlier in #general (times in UTC):",
            "*** alice set the topic of #general: release on friday",
            "#general <alice> one",
            "#general <alice> two",
            "*** End of earlier messages in #general.",
        ], [.. (await carol.ReadLinesAsync(6)).Select(line => Time().Replace(line, ""))]);
        await carol.SendAsync("three");
        var three = await dave.ExpectJsonAsync("message");
        Assert.Equal([1L, 2, 3], idsBefore);
        Assert.Equal(4, three.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task AfterKillNineEveryAcknowledgedMessageIsInHistoryWithItsText()
    {
        const int Messages = 1000;
        const int KillAfter = 300;
        var acknowledged = new Dictionary<long, string>();
        using (var first = await StartAsync(NoFloodLimit))
        {
            await using var alice = await RegisterJsonAsync("alice");
            var sending = Task.Run(async () =>
            {
                try
                {
                    for (var i = 0; i < Messages; i++)
                    {
                        await alice.SendAsync($$"""{"type":"say","text":"m{{i}}"}""");
                    }
                }
                catch (IOException)
                {
                    // The server is gone: the rest was never sent.
                }
            }, TestContext.Current.CancellationToken);

            // The echo of a room message is its acknowledgement: sent only once it is committed.
            while (await alice.ReadLineAsync() is { } line)
            {
                var e = JsonDocument.Parse(line).RootElement;
                if (e.GetProperty("type").GetString() == "message")
                {
                    acknowledged.Add(e.GetProperty("id").GetInt64(), e.GetProperty("text").GetString()!);
                    if (acknowledged.Count == KillAfter)
                    {
                        first.Process.Kill();
                    }
                }
            }

            await sending;
            await first.WaitForExitAsync();
        }

        using var second = await StartAsync(NoFloodLimit);
        await using var reader = await RegisterJsonAsync("reader");
        await reader.ExpectJsonAsync("history");
        var stored = new List<(long Id, string Text)>();
        long? before = null;
        bool more;
        do
        {
            await reader.SendAsync($$"""{"type":"history","room":"general","limit":100{{(before is { } id ? $",\"before\":{id}" : "")}}}""");
            var page = await reader.ExpectJsonAsync("history");
            stored.InsertRange(0, page.GetProperty("messages").EnumerateArray()
                .Select(m => (m.GetProperty("id").GetInt64(), m.GetProperty("text").GetString()!)));
            before = stored[0].Id;
            more = page.GetProperty("more").GetBoolean();
        }
        while (more);

        Assert.InRange(acknowledged.Count, KillAfter, Messages);
        Assert.All(acknowledged, ack => Assert.Contains((ack.Key, ack.Value), stored));
        // Committed but not yet acknowledged at the kill is kept too; in the order sent, ids increasing.
        Assert.Equal(Enumerable.Range(0, stored.Count).Select(i => $"m{i}"), stored.Select(s => s.Text));
        Assert.All(stored.Zip(stored.Skip(1)), pair => Assert.True(pair.First.Id < pair.Second.Id));
        await reader.SendAsync("""{"type":"say","text":"after"}""");
        Assert.True((await reader.ExpectJsonAsync("message")).GetProperty("id").GetInt64() > stored[^1].Id);
    }

    [Fact]
    public async Task ACorruptDatabaseStopsTheServerWithOneLineAndExitCodeOne()
    {
        await File.WriteAllTextAsync(_database.Path, new string('x', 5000), TestContext.Current.CancellationToken);

        using var server = ServerProcess.Start([.. Ports(ServerProcess.FreePort()), .. _database.Settings.Select(s => "--" + s)]);

        Assert.Equal(1, await server.WaitForExitAsync());
        Assert.Equal(
            [$"History database {_database.Path} is corrupt or not a SQLite database (SQLite Error 26: 'file is not a database'): restore it from a backup, or move it away to start with empty history."],
            server.Errors);
        Assert.DoesNotContain(server.Seen, line => line.Contains("Exception") || line.TrimStart().StartsWith("at "));
    }

    public void Dispose() => _database.Dispose();

    /// <summary>The chat port of the server <see cref="StartAsync"/> started last.</summary>
    private int ChatPort { get; set; }

    /// <summary>A server on this test's database, listening on <see cref="ChatPort"/> once this returns.</summary>
    private async Task<ServerProcess> StartAsync(params string[] settings)
    {
        ChatPort = ServerProcess.FreePort();
        var server = ServerProcess.Start([.. Ports(ChatPort), .. _database.Settings.Concat(settings).Select(s => "--" + s)]);
        await server.ExpectLineAsync(line => line.Contains("Application started", StringComparison.Ordinal), "the started line");
        return server;
    }

    private static string[] Ports(int chat) =>
        ["--chat-port", $"{chat}", "--tls-port", $"{ServerProcess.FreePort()}", "--http-port", $"{ServerProcess.FreePort()}"];

    private async Task<TestClient> ConnectAsync()
    {
        var client = await TestClient.ConnectAsync(ChatPort);
        await client.ExpectAsync("Enter your name");
        return client;
    }

    private async Task<TestClient> RegisterTextAsync(string name)
    {
        var client = await ConnectAsync();
        await client.SendAsync(name);
        await client.ExpectAsync($"*** {name} joined #general");
        return client;
    }

    private async Task<TestClient> RegisterJsonAsync(string name)
    {
        var client = await ConnectAsync();
        await client.SendAsync($$"""{"type":"hello","name":"{{name}}"}""");
        await client.ExpectJsonAsync("join", e => e.GetProperty("name").GetString() == name);
        return client;
    }

    [GeneratedRegex(@"^\[\d\d:\d\d\] ")]
    private static partial Regex Time();
}
