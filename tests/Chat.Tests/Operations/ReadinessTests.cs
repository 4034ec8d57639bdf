using System.Net;
using Chat.Handlers.Hosting;
using Chat.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Operations;

public class ReadinessTests
{
    [Fact]
    public async Task ReadyzTurnsFalseWhenStoppingBeforeChatConnectionsAreTold()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = await TestServer.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(clock), "Chat:ShutdownDrainDelay=00:00:10");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };
        await using var alice = await server.ConnectJsonAsync("alice");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/readyz"));

        var stopping = server.App.StopAsync(TestContext.Current.CancellationToken);
        try
        {
            // The host is stopping, and Kestrel still answers: not ready, yet alive.
            var deadline = DateTime.UtcNow + TestClient.DefaultTimeout;
            while (await StatusAsync(http, "/readyz") != HttpStatusCode.ServiceUnavailable)
            {
                Assert.True(DateTime.UtcNow < deadline, "/readyz never said 503.");
            }

            Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/healthz"));

            // Chat goes on meanwhile, and nobody has been told: the echo comes back, and nothing before it is a shutdown.
            await alice.SendAsync("""{"type":"say","text":"still here"}""");
            await alice.ExpectJsonAsync("message", e => e.GetProperty("text").GetString() == "still here");
            Assert.DoesNotContain(alice.Received, line => line.Contains("shutdown", StringComparison.Ordinal));
            Assert.False(stopping.IsCompleted);

            // Once the drain delay is over, connections are told and closed.
            clock.Advance(TimeSpan.FromSeconds(10));
            await alice.ExpectJsonAsync("shutdown");
            Assert.Empty(await alice.ExpectClosedAsync());
        }
        finally
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await stopping;
            await server.App.DisposeAsync();
        }
    }

    [Fact]
    public async Task ReadyzRunsTheChecksTaggedReadyAndHealthzNone()
    {
        var storeReachable = true;
        await using var server = await TestServer.StartAsync(builder => builder.Services.AddHealthChecks()
            .AddCheck("store", () => storeReachable ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("unreachable"), tags: [ChatReadiness.Tag])
            .AddCheck("untagged", () => HealthCheckResult.Unhealthy("not about readiness")));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/readyz"));

        storeReachable = false;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(http, "/readyz"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/healthz"));
    }

    [Fact]
    public async Task ReadyzTurnsFalseWhileTheHistoryDatabaseCannotBeWritten()
    {
        using var database = new TempDatabase();
        await using var server = await TestServer.StartAsync(
            "Chat:History:Enabled=true", $"Chat:History:ConnectionString=Data Source={database.Path};Default Timeout=1");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/readyz"));

        // Another process holding the write lock past the busy timeout: history cannot commit, so the node is not ready.
        using (var other = new SqliteConnection($"Data Source={database.Path};Pooling=False"))
        {
            other.Open();
            using var hold = other.BeginTransaction();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(http, "/readyz"));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/healthz"));
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/readyz"));
    }

    [Fact]
    public async Task ARunningServerIsAliveAndReady()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/readyz"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/healthz"));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
