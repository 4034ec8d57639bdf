using Chat.Tests.Infrastructure;

namespace Chat.Tests.Operations;

/// <summary>
/// <c>/metrics</c> after a scripted chat over real sockets. The exporter listens to every meter named ChatApp in the
/// process, so these tests run alone: another test's server would add to the counts.
/// </summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
[Collection(Collection)]
public class MetricsTests
{
    public const string Collection = "Metrics";

    [Fact]
    public async Task AScriptedChatShowsItsCountsInPrometheusText()
    {
        await using var server = await TestServer.StartAsync("Chat:Limits:MaxConnectionsPerIp=3", "Chat:Limits:MaxLineBytes=100");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };

        await using var alice = await server.ConnectJsonAsync("alice");                // hello: 1 line in; join: 1 delivery
        await using var bob = await server.ConnectTextAsync("bob");                    // name: 1 line in; join: 2 deliveries
        await alice.SendAsync("""{"type":"say","text":"one"}""");                       // 1 in; 2 deliveries (the JSON echo and bob)
        await bob.ExpectAsync("<alice> one");
        await bob.SendAsync("two");                                                    // 1 in; 1 delivery (a text sender gets no echo)
        await alice.ExpectJsonAsync("message", e => e.GetProperty("text").GetString() == "two");

        await using var carol = await server.ConnectAsync();                           // the third connection from 127.0.0.1
        await carol.SendAsync(new string('x', 200));                                   // dropped: line_too_long
        await carol.ExpectAsync("too long");
        await using (var refused = await TestClient.ConnectAsync(server.ChatPort))    // the fourth: refused, per-IP limit
        {
            Assert.StartsWith("!!! Too many connections", Assert.Single(await refused.ExpectClosedAsync()));
        }

        await bob.SendAsync("/quit");                                                  // 1 in; 1 delivery (alice hears of it)
        await bob.ExpectClosedAsync();
        await alice.ExpectJsonAsync("quit");

        var metrics = await ScrapeUntilAsync(http, m => m.Value("chat_disconnects_total") == 1);

        Assert.Equal(2, metrics.Value("chat_connections", ("front", "line"), ("tls", "false")));   // alice and carol
        Assert.Equal(2, metrics.Value("chat_connections"));
        Assert.Equal(1, metrics.Value("chat_disconnects_total", ("reason", "quit")));
        Assert.Equal(1, metrics.Value("chat_connections_refused_total", ("reason", "too_many_connections")));
        Assert.Equal(1, metrics.Value("chat_connections_refused_total"));
        Assert.Equal(5, metrics.Value("chat_messages_received_total"));
        Assert.Equal(1, metrics.Value("chat_messages_dropped_total", ("reason", "line_too_long")));
        Assert.Equal(1, metrics.Value("chat_messages_dropped_total"));
        Assert.Equal(7, metrics.Value("chat_deliveries_total"));
        Assert.Equal(5, metrics.Value("chat_publish_duration_seconds_count"));                    // 2 joins, 2 messages, 1 quit
        Assert.Equal(1, metrics.Value("chat_users"));
        Assert.Equal(2, metrics.Value("chat_rooms"));                                              // general and random
        Assert.Equal(0, metrics.Value("chat_send_queue_size_bytes"));

        // Every byte the clients read was counted as written (more may be on its way: a greeting, the refusal).
        var read = new[] { alice, bob, carol }.Sum(c => c.Received.Sum(l => System.Text.Encoding.UTF8.GetByteCount(l) + 1));
        Assert.InRange(metrics.Value("chat_sent_bytes_total"), read, read + 1000);

        Assert.Equal("gauge", metrics.TypeOf("chat_connections"));
        Assert.Equal("counter", metrics.TypeOf("chat_deliveries_total"));
        Assert.Equal("histogram", metrics.TypeOf("chat_publish_duration_seconds"));
        Assert.Equal(["line_too_long"], metrics.LabelValues("chat_messages_dropped_total", "reason"));
    }

    [Fact]
    public async Task DisconnectsAndRateLimitsAreCountedByReason()
    {
        await using var server = await TestServer.StartAsync("Chat:Limits:MessagesPerSecond=1", "Chat:Limits:MessageBurst=2", "Chat:Limits:MaxViolations=2");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };

        await using var flooder = await server.ConnectTextAsync("flooder");
        for (var i = 0; i < 6; i++)
        {
            await flooder.SendAsync($"line {i}");
        }

        await flooder.ExpectClosedAsync();

        var metrics = await ScrapeUntilAsync(http, m => m.Value("chat_disconnects_total") == 1);
        Assert.Equal(1, metrics.Value("chat_disconnects_total", ("reason", "flood")));
        Assert.Equal(3, metrics.Value("chat_messages_dropped_total", ("reason", "rate_limited")));
        Assert.Equal(0, metrics.Value("chat_connections"));
        Assert.Equal(0, metrics.Value("chat_users"));
    }

    [Fact]
    public async Task AReaderCutForStallingIsCountedAsASlowConsumer()
    {
        // A hard limit too large to reach: the silent member is cut by the stall timeout alone.
        await using var server = await TestServer.StartAsync(
            "Chat:Limits:SendQueueBytes=268435456", "Chat:Limits:SendQueueSoftBytes=16384", "Chat:Limits:SlowConsumerTimeout=00:00:00.5",
            "Chat:MaxPayloadBytes=0", "Chat:Limits:MessagesPerSecond=1000000", "Chat:Limits:MessageBurst=1000000",
            "Chat:Limits:MaxViolations=1000000");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };
        await using var sender = await server.ConnectTextAsync("sender");
        await using var silent = await TestClient.ConnectAsync(server.ChatPort, receiveBufferSize: 4096);
        await silent.ExpectAsync("Enter your name");
        await silent.SendAsync("silent");
        await silent.ExpectAsync("*** silent joined");

        // About 4 MB: more than the kernel's buffers hold for a socket that reads nothing.
        var line = new string('x', 1000) + "\n";
        for (var batch = 0; batch < 64; batch++)
        {
            await sender.SendRawAsync(System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 64))));
        }

        await sender.ExpectAsync("*** silent quit (send queue stalled)");
        var metrics = await ScrapeUntilAsync(http, m => m.Value("chat_disconnects_total") == 1);
        Assert.Equal(1, metrics.Value("chat_disconnects_total", ("reason", "send_queue_stalled")));
        Assert.Equal(["send_queue_stalled"], metrics.LabelValues("chat_disconnects_total", "reason"));
    }

    [Fact]
    public async Task HistoryWritesAreCountedInBatchesWithTheirDuration()
    {
        using var database = new TempDatabase();
        await using var server = await TestServer.StartAsync(database.Settings);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };

        await using var alice = await server.ConnectTextAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");
        for (var i = 0; i < 3; i++)
        {
            await alice.SendAsync($"line {i}");
            await bob.ExpectAsync($"<alice> line {i}");
        }

        // Each line was committed before bob heard it; the batches they shared add up to the three.
        var metrics = await ScrapeUntilAsync(http, m => m.Value("chat_history_appended_total") == 3);
        Assert.Equal(3, metrics.Value("chat_history_write_batch_size_sum"));
        Assert.InRange(metrics.Value("chat_history_write_batch_size_count"), 1, 3);
        Assert.Equal(metrics.Value("chat_history_write_batch_size_count"), metrics.Value("chat_history_write_duration_seconds_count"));
        Assert.True(metrics.Value("chat_history_write_duration_seconds_sum") > 0);
        Assert.Equal("histogram", metrics.TypeOf("chat_history_write_duration_seconds"));
    }

    /// <summary>Scrapes until the server has caught up with what the clients saw (a disconnect is counted as its handler ends).</summary>
    private static async Task<PrometheusText> ScrapeUntilAsync(HttpClient http, Func<PrometheusText, bool> caughtUp)
    {
        var deadline = DateTime.UtcNow + TestClient.DefaultTimeout;
        while (true)
        {
            var metrics = new PrometheusText(await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken));
            if (caughtUp(metrics))
            {
                return metrics;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The metrics did not catch up with the chat:\n{metrics.Text}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
