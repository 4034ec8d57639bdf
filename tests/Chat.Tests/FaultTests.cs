using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Chat.Handlers.Hosting;
using Chat.Handlers.Sessions;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests;

[Collection(HeavyTests.Collection)]
public class FaultTests
{
    [Fact]
    public async Task ResetsHalfClosesAndVanishingDuringRegistrationLeaveNoGhostsAndNoUnobservedExceptions()
    {
        var unobserved = new ConcurrentQueue<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> record = (_, e) => unobserved.Enqueue(e.Exception);
        TaskScheduler.UnobservedTaskException += record;
        try
        {
            var errors = new ErrorLogSink();
            var server = await TestServer.StartAsync(errors.AddTo, "Chat:Limits:MaxConnectionsPerIp=100");
            await using var alice = await server.ConnectTextAsync("alice");

            var resetter = await server.ConnectTextAsync("resetter");
            await alice.ExpectAsync("*** resetter joined");
            await resetter.SendRawAsync("half a li"u8.ToArray());
            resetter.Reset();
            Assert.Matches(@"^\*\*\* resetter quit \(connection (reset|closed)\)$", await alice.ExpectAsync("quit"));

            await using var halfway = await server.ConnectTextAsync("halfway");
            await halfway.SendAsync("last words");
            halfway.Socket.Shutdown(SocketShutdown.Send);
            Assert.Equal("#general <halfway> last words", await alice.ExpectAsync("<halfway>"));
            Assert.Equal("*** halfway quit (connection closed)", await alice.ExpectAsync("quit"));
            await halfway.ExpectClosedAsync();

            // Clients that vanish at every step of registering.
            (await TestClient.ConnectAsync(server.ChatPort)).Reset();
            var beforeName = await server.ConnectAsync();
            beforeName.Reset();
            var midName = await server.ConnectAsync();
            await midName.SendRawAsync("vanish"u8.ToArray());
            midName.Reset();
            var withName = await TestClient.ConnectAsync(server.ChatPort);
            await withName.SendAsync("vanisher");
            withName.Reset();
            var jsonHello = await TestClient.ConnectAsync(server.ChatPort);
            await jsonHello.SendAsync("""{"type":"hello","name":"jumper"}""");
            jsonHello.Reset();
            var jsonHalf = await server.ConnectAsync();
            await jsonHalf.SendRawAsync("""{"type":"hel"""u8.ToArray());
            jsonHalf.Socket.Shutdown(SocketShutdown.Send);

            var limiter = server.Services.GetRequiredService<ConnectionLimiter>();
            await Eventually.TrueAsync(() => limiter.ActiveConnections == 1, "only alice's connection is left");
            await alice.SendAsync("/who");
            Assert.Equal("*** #general (1): alice", await alice.ExpectAsync("*** #general ("));
            Assert.Equal(1, server.Services.GetRequiredService<UserDirectory>().Count);
            await using (var again = await server.ConnectJsonAsync("jumper"))
            {
            }

            await jsonHalf.DisposeAsync();
            await server.DisposeAsync();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.Empty(unobserved);
            Assert.Empty(errors.Errors);
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= record;
        }
    }

    [Fact]
    public async Task TwentyClientsSendingRandomBytesDoNotStopAFreshClientFromChattingAndHealthStays200()
    {
        var flooding = TimeSpan.FromSeconds(3);
        var errors = new ErrorLogSink();
        await using var server = await TestServer.StartAsync(errors.AddTo, "Chat:Limits:MaxConnectionsPerIp=100", "Serilog:MinimumLevel:Default=Error");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}"), Timeout = TestClient.DefaultTimeout };
        using var stop = new CancellationTokenSource();
        var elapsed = Stopwatch.StartNew();
        var connections = 0;
        var floods = Enumerable.Range(0, 20).Select(seed => Task.Run(async () =>
        {
            var random = new Random(seed);
            var garbage = new byte[4096];
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref connections);
                using var tcp = new TcpClient();
                try
                {
                    await tcp.ConnectAsync("127.0.0.1", server.ChatPort, stop.Token);
                    var stream = tcp.GetStream();
                    if (seed % 2 == 1)
                    {
                        // Half the flooders get past the JSON decoder's first line, so their garbage is decoded as JSON.
                        await stream.WriteAsync(Encoding.UTF8.GetBytes($$"""{"type":"hello","name":"g{{seed}}x{{random.Next()}}"}""" + "\n"), stop.Token);
                    }

                    while (true)
                    {
                        random.NextBytes(garbage);
                        await stream.WriteAsync(garbage, stop.Token);
                        // The flooders share this process's thread pool with the server: writes that complete at once
                        // must not hog its threads, as a flood from other processes could not.
                        await Task.Yield();
                    }
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
                {
                    // The server closed this connection (flooding, garbage) or the time is up: start over.
                }
            }
        }, TestContext.Current.CancellationToken)).ToArray();

        // Chat rounds go on until the flood has lasted its few seconds; it stops only after the last round.
        var rounds = 0;
        while (rounds == 0 || elapsed.Elapsed < flooding)
        {
            await using var carol = await server.ConnectTextAsync($"carol{rounds}");
            await using var dave = await server.ConnectJsonAsync($"dave{rounds}");
            await carol.SendAsync("still chatting");
            Assert.Equal("still chatting", (await dave.ExpectJsonAsync("message", e => e.GetProperty("from").GetString() == $"carol{rounds}"))
                .GetProperty("text").GetString());
            Assert.Equal(200, (int)(await http.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
            rounds++;
        }

        await stop.CancelAsync();
        await Task.WhenAll(floods);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{connections} garbage connections; {rounds} chat rounds in {elapsed.Elapsed.TotalSeconds:0.0} s of flooding");
        await using var last = await server.ConnectTextAsync("last");
        await last.SendAsync("/who");
        await last.ExpectAsync("*** #general (");
        Assert.Equal(200, (int)(await http.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Empty(errors.Errors);
    }

    [Fact]
    public async Task AfterAThousandClientsConnectAndDropAbruptlyWhoShowsOnlyTheLiveUsers()
    {
        const int Clients = 1000;
        // Every join and quit is announced: the room stays within AnnounceJoinsUpTo.
        await using var server = await TestServer.StartAsync("Chat:Limits:MaxConnectionsPerIp=1100", "Chat:Limits:AnnounceJoinsUpTo=1100");
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");

        var clients = new TestClient[Clients];
        foreach (var chunk in Enumerable.Range(0, Clients).Chunk(100))
        {
            await Task.WhenAll(chunk.Select(async i =>
            {
                clients[i] = await TestClient.ConnectAsync(server.ChatPort);
                await clients[i].SendAsync($"user{i}");
            }));
        }

        await ExpectCountAsync(alice, " joined #general", Clients);
        foreach (var client in clients)
        {
            client.Reset();
        }

        // "connection reset", or "connection closed" when a write to the socket failed first.
        await ExpectCountAsync(alice, " quit (connection ", Clients);
        await alice.SendAsync("/who");
        Assert.Equal("*** #general (2): alice, bob", await alice.ExpectAsync("*** #general ("));
        // A name is freed just after its quit notice goes out, so the directory may trail alice by a moment.
        var directory = server.Services.GetRequiredService<UserDirectory>();
        await Eventually.TrueAsync(() => directory.Count == 2, "only alice and bob are registered");
    }

    private static async Task ExpectCountAsync(TestClient client, string contains, int count)
    {
        for (var seen = 0; seen < count; seen++)
        {
            await client.ExpectAsync(line => line.StartsWith("*** user", StringComparison.Ordinal) && line.Contains(contains, StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), $"{count - seen} more lines containing '{contains}'");
        }
    }
}
