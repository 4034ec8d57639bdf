using System.Text.Json;
using Chat.Tests.Infrastructure;
using Chat.Tests.Tls;
using Serilog.Events;

namespace Chat.Tests.Operations;

public class LoggingTests
{
    [Fact]
    public async Task InformationLogsCarryNeitherMessageBodiesNorRequests()
    {
        var logs = new LogCapture();
        await using var server = await TestServer.StartAsync(logs.AddTo, "Serilog:MinimumLevel:Default=Information");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.HttpPort}") };

        await using var alice = await server.ConnectJsonAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");
        await bob.SendAsync("a secret body");
        await alice.ExpectJsonAsync("message", e => e.GetProperty("text").GetString() == "a secret body");
        await bob.SendAsync("/me whispers a secret action");
        await alice.ExpectJsonAsync("action");
        await bob.SendAsync("/quit a secret farewell");
        await alice.ExpectJsonAsync("quit");
        await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        await http.GetStringAsync("/readyz", TestContext.Current.CancellationToken);

        // The chat was logged (connections, registrations, the quit as its kind), its words were not.
        await Eventually.TrueAsync(() => logs.Messages(LogEventLevel.Information).Contains("Disconnected: \"quit\""), "bob's disconnect is logged");
        var logged = logs.Events.Where(e => e.Level >= LogEventLevel.Information).ToList();
        Assert.Contains(logged, e => e.RenderMessage() == "Registered as \"bob\"");
        Assert.DoesNotContain(logged, e => Rendered(e).Contains("secret", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, e => Source(e).StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheJsonOptionWritesOneCompactJsonObjectPerLine()
    {
        using var server = ServerProcess.Start(
            "--Kestrel:Endpoints:Chat:Url=http://127.0.0.1:0",
            "--Kestrel:Endpoints:ChatTls:Url=https://127.0.0.1:0",
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0",
            "--Chat:Logging:Json=true");

        await server.ExpectLineAsync(line => line.Contains("Application started", StringComparison.Ordinal), "the started line");
        var lines = server.Seen;

        Assert.True(lines.Count >= 3, string.Join("\n", lines));
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("@t", out _), line);
            Assert.True(json.RootElement.TryGetProperty("@m", out _), line);
        }

        using var listening = JsonDocument.Parse(lines.First(l => l.Contains("Now listening on", StringComparison.Ordinal)));
        Assert.Equal("Microsoft.Hosting.Lifetime", listening.RootElement.GetProperty("SourceContext").GetString());
        Assert.Equal(14, listening.RootElement.GetProperty("EventId").GetProperty("Id").GetInt32());
    }

    private static string Rendered(LogEvent e) => e.RenderMessage() + " " + string.Join(" ", e.Properties.Values);

    private static string Source(LogEvent e) =>
        e.Properties.TryGetValue("SourceContext", out var source) ? source.ToString().Trim('"') : "";
}
