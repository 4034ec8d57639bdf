using System.Diagnostics;
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
        using var server = HostProcess.Start(
            "--Kestrel:Endpoints:Chat:Url=http://127.0.0.1:0",
            "--Kestrel:Endpoints:ChatTls:Url=https://127.0.0.1:0",
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0",
            "--Chat:Logging:Json=true");

        var lines = await server.ReadUntilAsync(line => line.Contains("Application started", StringComparison.Ordinal));

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

    /// <summary>The server as a real process (<c>dotnet Chat.Host.dll</c> from its own build output), its standard output read line by line.</summary>
    private sealed class HostProcess : IDisposable
    {
        private readonly Process _process;

        private HostProcess(Process process) => _process = process;

        public static HostProcess Start(params string[] arguments)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet && File.Exists(dotnet) ? dotnet : "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(HostAssembly());
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            return new HostProcess(Process.Start(start)!);
        }

        /// <summary>Lines printed up to and including the first that matches.</summary>
        public async Task<List<string>> ReadUntilAsync(Func<string, bool> match)
        {
            var lines = new List<string>();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (match(line))
                {
                    return lines;
                }
            }

            Assert.Fail($"The server ended first. It printed:\n{string.Join("\n", lines)}\n{await _process.StandardError.ReadToEndAsync(timeout.Token)}");
            return lines;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private static string HostAssembly()
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var root = output;
            while (!File.Exists(Path.Combine(root.FullName, "ChatApp.sln")))
            {
                root = root.Parent ?? throw new InvalidOperationException($"No ChatApp.sln above {AppContext.BaseDirectory}.");
            }

            return Path.Combine(root.FullName, "Chat.Host", "bin", output.Parent!.Name, output.Name, "Chat.Host.dll");
        }
    }
}
