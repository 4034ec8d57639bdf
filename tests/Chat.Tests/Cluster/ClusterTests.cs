using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Chat.Tests.Infrastructure;
using Chat.Tests.Irc;
using Chat.Tests.Operations;

namespace Chat.Tests.Cluster;

/// <summary>
/// Three real Chat.Host processes and a real redis-server: rooms, names, direct messages and presence across nodes,
/// history shared through Redis, readiness and metrics, a node killed with SIGKILL and a Redis restart. Each test uses
/// names and rooms of its own.
/// </summary>
public sealed class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private NodeProcess[] Nodes => cluster.Nodes;

    [Fact]
    public Task EveryReceiverOnEveryNodeGetsEveryMessageOnceInTheSameOrder() => cluster.RunAsync(async () =>
    {
        const int senders = 10, messages = 300, receiversPerNode = 2;
        var clients = new List<(string Name, TestClient Client)>();
        for (var i = 0; i < senders; i++)
        {
            clients.Add(($"fs{i}", await JoinAsync(Nodes[i % 3], $"fs{i}", "fan")));
        }

        for (var i = 0; i < 3 * receiversPerNode; i++)
        {
            clients.Add(($"fr{i}", await JoinAsync(Nodes[i % 3], $"fr{i}", "fan")));
        }

        // Everyone, senders included (JSON users get their own messages back), reads while the senders write.
        var reading = clients.Select(c => ReadMessagesAsync(c.Client, "fan", senders * messages)).ToArray();
        await Task.WhenAll(clients.Take(senders).Select((c, i) => c.Client.SendRawAsync(Encoding.UTF8.GetBytes(string.Concat(
            Enumerable.Range(0, messages).Select(k => $$"""{"type":"say","room":"fan","text":"{{i}} {{k}}"}""" + "\n"))))));
        var received = await Task.WhenAll(reading);

        var first = received[0];
        Assert.Equal(senders * messages, first.Count);
        Assert.Equal(senders * messages, first.Select(m => m.Text).Distinct().Count());
        foreach (var (messagesOfOne, (name, _)) in received.Zip(clients))
        {
            Assert.True(first.SequenceEqual(messagesOfOne), $"{name} got another order than {clients[0].Name}");
        }

        Assert.All(first.Zip(first.Skip(1)), pair => Assert.True(pair.First.Id < pair.Second.Id, $"id {pair.Second.Id} after {pair.First.Id}"));
        for (var i = 0; i < senders; i++)
        {
            // Each sender's lines keep the order it wrote them in.
            var own = first.Where(m => m.From == $"fs{i}").Select(m => int.Parse(m.Text.Split(' ')[1])).ToArray();
            Assert.Equal(Enumerable.Range(0, messages), own);
        }
    });

    [Fact]
    public Task TwoNodesRacingForOneNameGetExactlyOneWinner() => cluster.RunAsync(async () =>
    {
        for (var round = 0; round < 5; round++)
        {
            var name = $"race{round}";
            await using var left = await Nodes[0].ConnectAsync();
            await using var right = await Nodes[1].ConnectAsync();
            var hello = $$"""{"type":"hello","name":"{{name}}"}""";
            await Task.WhenAll(left.SendAsync(hello), right.SendAsync(hello));

            var outcomes = await Task.WhenAll(FirstOutcomeAsync(left), FirstOutcomeAsync(right));
            Assert.Equal(["name_taken", "welcome"], outcomes.Order());
        }
    });

    [Fact]
    public Task DirectMessagesNickChangesAndQuitsCrossNodes() => cluster.RunAsync(async () =>
    {
        await using var ann = await JoinAsync(Nodes[0], "dm-ann", "dms");
        await using var bo = await JoinAsync(Nodes[1], "dm-bo", "dms");

        await ann.SendAsync("""{"type":"say","to":"DM-BO","text":"psst"}""");
        var direct = await bo.ExpectJsonAsync("message", e => e.TryGetProperty("to", out _));
        Assert.Equal(("dm-ann", "dm-bo", "psst"), (Text(direct, "from"), Text(direct, "to"), Text(direct, "text")));
        await ann.ExpectJsonAsync("message", e => Text(e, "text") == "psst");

        // A typed payload crosses too.
        await bo.SendAsync("""{"type":"say","room":"dms","text":"see","contentType":"image/png","name":"a.png","data":"iVBORw0KGgo="}""");
        var typed = await ann.ExpectJsonAsync("message", e => Text(e, "from") == "dm-bo");
        Assert.Equal(("image/png", "a.png", "iVBORw0KGgo=", 8), (Text(typed, "contentType"), Text(typed, "name"), Text(typed, "data"), typed.GetProperty("size").GetInt32()));

        await bo.SendAsync("""{"type":"nick","name":"dm-bob"}""");
        var nick = await ann.ExpectJsonAsync("nick");
        Assert.Equal(("dm-bo", "dm-bob"), (Text(nick, "oldName"), Text(nick, "newName")));
        await ann.SendAsync("""{"type":"say","to":"dm-bo","text":"old name"}""");
        await ann.ExpectJsonAsync("error", e => Text(e, "code") == "no_such_user");
        await ann.SendAsync("""{"type":"say","to":"dm-bob","text":"new name"}""");
        await bo.ExpectJsonAsync("message", e => Text(e, "text") == "new name");

        // The old name is free on every node, the new one taken on every node.
        await using var other = await JoinAsync(Nodes[2], "dm-bo", "dms");
        await using var clash = await Nodes[2].ConnectAsync();
        await clash.SendAsync("""{"type":"hello","name":"DM-BOB"}""");
        await clash.ExpectJsonAsync("error", e => Text(e, "code") == "name_taken");

        await bo.SendAsync("""{"type":"quit","reason":"bye"}""");
        var quit = await ann.ExpectJsonAsync("quit");
        Assert.Equal(("dm-bob", "bye"), (Text(quit, "name"), Text(quit, "reason")));
        await clash.SendAsync("""{"type":"hello","name":"dm-bob"}""");
        await clash.ExpectJsonAsync("welcome");
    });

    [Fact]
    public Task WhoRoomsAndTopicsShowEveryNode() => cluster.RunAsync(async () =>
    {
        await using var ada = await JoinAsync(Nodes[0], "who-ada", "lobby");
        await using var ben = await JoinAsync(Nodes[1], "who-ben", "lobby");
        await ada.SendAsync("""{"type":"topic","room":"lobby","topic":"cluster news"}""");
        await ben.ExpectJsonAsync("topic", e => Text(e, "topic") == "cluster news");

        // A node with no member in the room yet hands the topic to its first joiner.
        await using var cy = await JoinAsync(Nodes[2], "who-cy", "lobby");
        await cy.ExpectJsonAsync("topic", e => Text(e, "topic") == "cluster news" && !e.TryGetProperty("by", out _));

        foreach (var client in new[] { ada, ben, cy })
        {
            Assert.Equal(["who-ada", "who-ben", "who-cy"], await WhoAsync(client, "lobby"));
        }

        await ben.SendAsync("""{"type":"rooms"}""");
        var lobby = (await ben.ExpectJsonAsync("rooms")).GetProperty("rooms").EnumerateArray().Single(r => Text(r, "name") == "lobby");
        Assert.Equal((3, "cluster news"), (lobby.GetProperty("members").GetInt32(), Text(lobby, "topic")));

        await cy.SendAsync("""{"type":"leave","room":"lobby"}""");
        await ada.ExpectJsonAsync("leave", e => Text(e, "name") == "who-cy");
        Assert.Equal(["who-ada", "who-ben"], await WhoAsync(ada, "lobby"));
    });

    [Fact]
    public Task UsersOfAKilledNodeLeaveWhoWithinTheLease() => cluster.RunAsync(async () =>
    {
        var doomed = cluster.Doomed;
        await using var watcher = await JoinAsync(Nodes[0], "kill-watch", "crash");
        await using var victim = await JoinAsync(doomed, "kill-victim", "crash");
        await watcher.ExpectJsonAsync("join", e => Text(e, "name") == "kill-victim");

        doomed.Kill();
        var killed = Stopwatch.StartNew();
        // No poll is faster than the lease: the others see the user until the last renewal has run out.
        while ((await WhoAsync(watcher, "crash")).Contains("kill-victim"))
        {
            Assert.True(killed.Elapsed < ClusterFixture.Lease + TimeSpan.FromSeconds(1), $"still listed {killed.Elapsed} after the kill");
            await Task.Delay(50);
        }

        // The node that reaps the dead one tells the rooms (the notice may have come amid the who replies). Only the
        // victim's: a user of an earlier test may still be quitting the default room the watcher shares with it.
        var quit = watcher.Received.Where(l => l.Contains("\"quit\"")).Select(l => JsonDocument.Parse(l).RootElement)
            .FirstOrDefault(e => Text(e, "name") == "kill-victim");
        if (quit.ValueKind == JsonValueKind.Undefined)
        {
            quit = await watcher.ExpectJsonAsync("quit", e => Text(e, "name") == "kill-victim", timeout: ClusterFixture.Lease * 2);
        }

        Assert.Equal("server lost", Text(quit, "reason"));
        await using var again = await JoinAsync(Nodes[1], "kill-victim", "crash");
    });

    [Fact]
    public Task AUserKilledByAServerOperatorLeavesEveryNodesWhoAndFreesTheName() => cluster.RunAsync(async () =>
    {
        await using var root = await JoinAsync(Nodes[0], ClusterFixture.Operator, "killing");
        await root.SendAsync("""{"type":"register","password":"correct horse"}""");
        await root.ExpectJsonAsync("account", e => Text(e, "status") == "registered");
        await using var victim = await JoinAsync(Nodes[0], "kill-target", "killing");
        await using var remote = await JoinAsync(Nodes[1], "kill-remote", "killing");
        Assert.Equal([ClusterFixture.Operator, "kill-remote", "kill-target"], await WhoAsync(remote, "killing"));

        await root.SendAsync("""{"type":"kill","name":"kill-target","reason":"enough"}""");

        var killed = await remote.ExpectJsonAsync("kill", e => Text(e, "name") == "kill-target");
        Assert.Equal("enough", Text(killed, "reason"));
        Assert.Equal([ClusterFixture.Operator, "kill-remote"], await WhoAsync(remote, "killing"));
        await using var again = await JoinAsync(Nodes[2], "kill-target", "killing");
    });

    [Fact]
    public Task DeliveryResumesAfterARedisRestartWithoutDuplicates() => cluster.RunAsync(async () =>
    {
        await using var speaker = await JoinAsync(Nodes[0], "rr-speaker", "outage");
        await using var neighbour = await JoinAsync(Nodes[0], "rr-neighbour", "outage");
        await using var remote = await JoinAsync(Nodes[1], "rr-remote", "outage");
        await speaker.SendAsync("""{"type":"say","room":"outage","text":"before"}""");
        await remote.ExpectJsonAsync("message", e => Text(e, "text") == "before");

        cluster.Redis.Kill();
        // Users of one node still talk; no new name can be claimed.
        await speaker.SendAsync("""{"type":"say","room":"outage","text":"local"}""");
        await neighbour.ExpectJsonAsync("message", e => Text(e, "text") == "local");
        await using var newcomer = await Nodes[0].ConnectAsync();
        await newcomer.SendAsync("""{"type":"hello","name":"rr-new"}""");
        await newcomer.ExpectJsonAsync("error", e => Text(e, "code") == "names_unavailable");

        await cluster.Redis.StartAsync();
        // The speaker talks on (paced, not to synchronise) until the remote node hears it again.
        using var heard = new CancellationTokenSource();
        var talking = Task.Run(async () =>
        {
            for (var attempt = 0; !heard.IsCancellationRequested; attempt++)
            {
                await speaker.SendAsync($$"""{"type":"say","room":"outage","text":"after {{attempt}}"}""");
                await Task.Delay(100);
            }
        });
        await remote.ExpectJsonAsync("message", e => Text(e, "text").StartsWith("after", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        await heard.CancelAsync();
        await talking;

        await speaker.SendAsync("""{"type":"say","room":"outage","text":"last"}""");
        await remote.ExpectJsonAsync("message", e => Text(e, "text") == "last");
        await neighbour.ExpectJsonAsync("message", e => Text(e, "text") == "last");

        foreach (var client in new[] { remote, neighbour })
        {
            var seen = Messages(client, "outage");
            Assert.Equal(seen.Count, seen.Select(m => m.Text).Distinct().Count());
            Assert.All(seen.Zip(seen.Skip(1)), pair => Assert.True(pair.First.Id < pair.Second.Id, $"id {pair.Second.Id} after {pair.First.Id}"));
        }

        Assert.DoesNotContain(Messages(remote, "outage"), m => m.Text == "local");

        // Each node writes its state back as soon as it has reconnected: members are listed again, names claimed again.
        string[] everyone = ["rr-neighbour", "rr-remote", "rr-speaker"];
        var listed = Stopwatch.StartNew();
        while (!(await WhoAsync(remote, "outage")).SequenceEqual(everyone))
        {
            Assert.True(listed.Elapsed < TimeSpan.FromSeconds(10), "the members were not listed again");
            await Task.Delay(50);
        }
        await newcomer.SendAsync("""{"type":"hello","name":"rr-speaker"}""");
        await newcomer.ExpectJsonAsync("error", e => Text(e, "code") == "name_taken");
        await newcomer.SendAsync("""{"type":"hello","name":"rr-new"}""");
        await newcomer.ExpectJsonAsync("welcome");
        await EveryNodeReadyAsync();
    });

    [Fact]
    public Task IrcUsersSeeMembersRoomsAndNamesOfEveryNodeAndTalkAcrossThem() => cluster.RunAsync(async () =>
    {
        await using var ana = await JoinAsync(Nodes[1], "irc-ana", "ircmix");
        await using var ivan = await Nodes[0].ConnectIrcAsync("irc-ivan");

        await ivan.SendAsync("JOIN #ircmix");
        Assert.EndsWith(" 353 irc-ivan = #ircmix :irc-ana irc-ivan", await ivan.ExpectNumericAsync("353"));
        await ivan.ExpectNumericAsync("366");
        await ana.ExpectJsonAsync("join", e => Text(e, "name") == "irc-ivan");

        await ivan.SendAsync("WHO #ircmix");
        await ivan.SendAsync("LIST #ircmix");
        await ivan.SendAsync("WHOIS irc-ana");
        await ivan.SendAsync("ISON irc-ana irc-nobody");
        var replies = await ivan.SyncAsync();
        Assert.Equal(
            [
                ":ChatApp 352 irc-ivan #ircmix irc-ana chatapp ChatApp irc-ana H :0 irc-ana",
                ":ChatApp 352 irc-ivan #ircmix irc-ivan chatapp ChatApp irc-ivan H :0 irc-ivan the tester",
                ":ChatApp 315 irc-ivan #ircmix :End of WHO list",
                ":ChatApp 321 irc-ivan Channel :Users  Name",
                ":ChatApp 322 irc-ivan #ircmix 2 :",
                ":ChatApp 323 irc-ivan :End of /LIST",
                ":ChatApp 311 irc-ivan irc-ana irc-ana chatapp * :irc-ana",
                ":ChatApp 312 irc-ivan irc-ana ChatApp :ChatApp",
                ":ChatApp 318 irc-ivan irc-ana :End of /WHOIS list",
                ":ChatApp 303 irc-ivan :irc-ana",
            ],
            replies);

        // Direct messages both ways, and a nick taken on another node is in use here.
        await ivan.SendAsync("PRIVMSG IRC-ANA :across");
        var direct = await ana.ExpectJsonAsync("message", e => e.TryGetProperty("to", out _));
        Assert.Equal(("irc-ivan", "irc-ana", "across"), (Text(direct, "from"), Text(direct, "to"), Text(direct, "text")));
        await ana.SendAsync("""{"type":"say","to":"irc-ivan","text":"back"}""");
        await ivan.ExpectAsync(":irc-ana!irc-ana@chatapp PRIVMSG irc-ivan :back");

        await using var clash = await TestClient.ConnectAsync(Nodes[2].IrcPort);
        await clash.SendAsync("NICK irc-ana");
        Assert.EndsWith(" 433 * irc-ana :Nickname is already in use", await clash.ExpectNumericAsync("433"));
    });

    [Fact]
    public Task ANodeStartedAfterTheMessagesServesTheSameScrollbackAndPages() => cluster.RunAsync(async () =>
    {
        await using var ann = await JoinAsync(Nodes[0], "hist-ann", "annals");
        await using var bo = await JoinAsync(Nodes[1], "hist-bo", "annals");
        await ann.SendAsync("""{"type":"topic","room":"annals","topic":"kept in redis"}""");
        // Heard before anyone speaks: bo's first line, on another connection, could otherwise overtake it.
        await bo.ExpectJsonAsync("topic", e => Text(e, "room") == "annals");
        for (var i = 0; i < 30; i++)
        {
            await (i % 2 == 0 ? ann : bo).SendAsync($$"""{"type":"say","room":"annals","text":"line {{i}}"}""");
        }

        var live = await ReadMessagesAsync(bo, "annals", 30);

        // This node has never seen the messages: its scrollback can only come from the cluster's history.
        using var late = await NodeProcess.StartAsync("late", cluster.Redis.Configuration, ClusterFixture.Lease);
        await using var cy = await JoinAsync(late, "hist-cy", "annals");
        var scrollback = await cy.ExpectJsonAsync("history", e => Text(e, "room") == "annals");
        Assert.True(scrollback.GetProperty("more").GetBoolean());
        Assert.Equal(live[^20..], HistoryMessages(scrollback));

        // Older pages on a third node: the same ids, and the topic change where it was made.
        await using var dee = await JoinAsync(Nodes[2], "hist-dee", "annals");
        await dee.ExpectJsonAsync("history", e => Text(e, "room") == "annals");
        await dee.SendAsync($$"""{"type":"history","room":"annals","before":{{live[^20].Id}},"limit":50}""");
        var page = await dee.ExpectJsonAsync("history", e => Text(e, "room") == "annals");
        Assert.False(page.GetProperty("more").GetBoolean());
        Assert.Equal(live[..10], HistoryMessages(page));
        Assert.Equal(11, page.GetProperty("messages").GetArrayLength());
        var topic = page.GetProperty("messages")[0];
        Assert.Equal(("topic", "kept in redis", "hist-ann"), (Text(topic, "type"), Text(topic, "topic"), Text(topic, "by")));
        Assert.True(topic.GetProperty("id").GetInt64() < live[0].Id);

        // Gone before its node is killed, so no later test hears of it as lost.
        await cy.SendAsync("""{"type":"quit"}""");
        await cy.ExpectClosedAsync();
        await dee.ExpectJsonAsync("quit", e => Text(e, "name") == "hist-cy");
    });

    [Fact]
    public Task ReadyzFollowsRedisAndMetricsCountTheBackplaneRoundTrips() => cluster.RunAsync(async () =>
    {
        await using var eve = await JoinAsync(Nodes[2], "ops-eve", "ops");
        await eve.SendAsync("""{"type":"say","room":"ops","text":"counted"}""");
        await eve.ExpectJsonAsync("message", e => Text(e, "text") == "counted");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Nodes[2].HttpPort}") };
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/readyz"));

        // The script's answer may be read just after its echo was delivered: scrape until it is counted.
        var metrics = await ScrapeUntilAsync(http, m => m.Value("chat_backplane_round_trips_total", ("operation", "publish")) >= 1);
        Assert.True(metrics.Value("chat_backplane_round_trips_total", ("operation", "join")) >= 1);
        Assert.True(metrics.Value("chat_backplane_round_trips_total", ("operation", "claim")) >= 1);
        Assert.True(metrics.Value("chat_backplane_duration_seconds_count", ("operation", "publish")) >= 1);
        Assert.Equal("histogram", metrics.TypeOf("chat_backplane_duration_seconds"));

        cluster.Redis.Kill();
        try
        {
            await UntilStatusAsync(http, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/healthz"));
            await ScrapeUntilAsync(http, m => m.Value("chat_backplane_failures_total", ("operation", "ping")) >= 1);
        }
        finally
        {
            await cluster.Redis.StartAsync();
        }

        await EveryNodeReadyAsync();
    });

    /// <summary>
    /// Until each live node reaches Redis again and has written its state back: the next tests claim names on any node.
    /// </summary>
    private async Task EveryNodeReadyAsync()
    {
        foreach (var node in Nodes.Append(cluster.Doomed).Where(n => !n.HasExited))
        {
            using var each = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{node.HttpPort}") };
            await UntilStatusAsync(each, HttpStatusCode.OK);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static async Task UntilStatusAsync(HttpClient http, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await StatusAsync(http, "/readyz") != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"/readyz did not turn {expected}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Scrapes until <paramref name="caughtUp"/>; the exporter serves a scrape again for a moment (300 ms), so one scrape may be stale.</summary>
    private static async Task<PrometheusText> ScrapeUntilAsync(HttpClient http, Func<PrometheusText, bool> caughtUp)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var metrics = new PrometheusText(await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken));
            if (caughtUp(metrics))
            {
                return metrics;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The metrics did not catch up:\n{metrics.Text}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The messages of a history event (its topic changes left out).</summary>
    private static Message[] HistoryMessages(JsonElement history) =>
        [.. history.GetProperty("messages").EnumerateArray().Where(e => Text(e, "type") == "message")
            .Select(e => new Message(e.GetProperty("id").GetInt64(), Text(e, "from"), Text(e, "text")))];

    private static async Task<TestClient> JoinAsync(NodeProcess node, string name, string room)
    {
        var client = await node.ConnectJsonAsync(name);
        await client.SendAsync($$"""{"type":"join","room":"{{room}}"}""");
        await client.ExpectJsonAsync("join", e => Text(e, "room") == room && Text(e, "name") == name);
        return client;
    }

    private static async Task<string[]> WhoAsync(TestClient client, string room)
    {
        await client.SendAsync($$"""{"type":"who","room":"{{room}}"}""");
        return [.. (await client.ExpectJsonAsync("who")).GetProperty("members").EnumerateArray().Select(m => m.GetString()!)];
    }

    private static async Task<List<Message>> ReadMessagesAsync(TestClient client, string room, int count)
    {
        var messages = new List<Message>(count);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (messages.Count < count)
        {
            var line = await client.ReadLineAsync(deadline - DateTime.UtcNow) ?? throw new EndOfStreamException($"closed after {messages.Count} messages");
            if (ToMessage(line, room) is { } message)
            {
                messages.Add(message);
            }
        }

        return messages;
    }

    private static List<Message> Messages(TestClient client, string room) =>
        [.. client.Received.Select(line => ToMessage(line, room)).OfType<Message>()];

    private static Message? ToMessage(string line, string room)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        var e = JsonDocument.Parse(line).RootElement;
        return Text(e, "type") == "message" && e.TryGetProperty("room", out var r) && r.GetString() == room
            ? new Message(e.GetProperty("id").GetInt64(), Text(e, "from"), Text(e, "text"))
            : null;
    }

    /// <summary>The first reply to a hello: "welcome", or the error's code.</summary>
    private static async Task<string> FirstOutcomeAsync(TestClient client)
    {
        var line = await client.ExpectAsync(l => l.Contains("\"welcome\"") || l.Contains("\"error\""), what: "a welcome or an error");
        var e = JsonDocument.Parse(line).RootElement;
        return Text(e, "type") == "welcome" ? "welcome" : Text(e, "code");
    }

    private static string Text(JsonElement e, string property) => e.GetProperty(property).GetString()!;

    private sealed record Message(long Id, string From, string Text);
}
