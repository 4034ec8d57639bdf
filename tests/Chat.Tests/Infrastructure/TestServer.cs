using System.Net;
using Chat.Handlers.Tls;
using Chat.Host;
using Chat.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// The real host, started in-process with every endpoint on 127.0.0.1 port 0, and without history unless the settings
/// turn it on with a file of the test's own (<see cref="TempDatabase.Settings"/>): parallel tests never share one.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly Dictionary<string, ListenOptions> _endpoints = [];

    /// <summary>Each server's own database file, removed when it stops; a test that restarts passes its own.</summary>
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"chat-test-{Guid.NewGuid():N}.db");

    private TestServer(string[] settings, Action<WebApplicationBuilder>? configure)
    {
        string[] args =
        [
            $"--Chat:Accounts:ConnectionString={DatabaseConnectionString(_database)}",
            "--Kestrel:Endpoints:Chat:Url=http://127.0.0.1:0",
            "--Kestrel:Endpoints:ChatTls:Url=https://127.0.0.1:0",
            "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Chat:History:Enabled=false",
            // Stopping waits this long, unready, before closing connections: no test but the one about it needs that.
            "--Chat:ShutdownDrainDelay=00:00:00",
            .. settings.Select(s => "--" + s),
        ];
        App = ChatHost.Build(args, (name, options) => _endpoints[name] = options, configure);
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public int ChatPort => Port("Chat");

    public int HttpPort => Port("Http");

    /// <summary>The TLS chat port; bound only when a certificate is configured (for example <c>Kestrel:Endpoints:ChatTls:Certificate:Path=...</c>).</summary>
    public int TlsPort => Port(ChatTlsEndpoint.Name);

    /// <summary>Starts a server; <paramref name="settings"/> are configuration overrides such as <c>Chat:Limits:MaxLineBytes=100</c>.</summary>
    public static async Task<TestServer> StartAsync(params string[] settings) => await StartAsync(null, settings);

    public static async Task<TestServer> StartAsync(Action<WebApplicationBuilder>? configure, params string[] settings)
    {
        var server = new TestServer(settings, configure);
        try
        {
            await server.App.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            // A host that failed to start keeps what did start: its OpenTelemetry meter provider, which listens to
            // every later server's meters in this process, slowed the heavy tests tenfold.
            await server.App.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A connection string for a test's own database file (pass it as <c>Chat:Accounts:ConnectionString</c>).</summary>
    /// <remarks>Unpooled: a stopped server leaves no connection open on the file.</remarks>
    public static string DatabaseConnectionString(string path) => $"Data Source={path};Pooling=False";

    public int Port(string endpoint) => ((IPEndPoint)_endpoints[endpoint].EndPoint).Port;

    /// <summary>Connects a raw client (from <paramref name="from"/>, 127.0.0.1 by default); it has read the greeting when this returns.</summary>
    public async Task<TestClient> ConnectAsync(IPAddress? from = null)
    {
        var client = await TestClient.ConnectAsync(ChatPort, from: from);
        await client.ExpectAsync("Enter your name");
        return client;
    }

    /// <summary>Connects over TLS, accepting exactly the certificate with SHA-256 <paramref name="pin"/>; it has read the greeting when this returns.</summary>
    public async Task<TestClient> ConnectTlsAsync(string pin)
    {
        var client = await TestClient.ConnectTlsAsync(TlsPort, CertificatePinning.CreateCallback(pin));
        await client.ExpectAsync("Enter your name");
        return client;
    }

    /// <summary>Connects and registers a text-mode user.</summary>
    public async Task<TestClient> ConnectTextAsync(string name)
    {
        var client = await ConnectAsync();
        await client.SendAsync(name);
        await client.ExpectAsync($"*** {name} joined #");
        return client;
    }

    /// <summary>Connects and registers a JSON Lines user.</summary>
    public async Task<TestClient> ConnectJsonAsync(string name)
    {
        var client = await ConnectAsync();
        await client.SendAsync($$"""{"type":"hello","name":"{{name}}"}""");
        await client.ExpectJsonAsync("join", e => e.GetProperty("name").GetString() == name);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        File.Delete(_database);
    }
}
