using System.Net.Sockets;
using Chat.Tests.Infrastructure;
using Chat.Tests.Irc;

namespace Chat.Tests.Cluster;

/// <summary>
/// A real Chat.Host process (<c>dotnet Chat.Host.dll</c>, as built next to the tests) in cluster mode, its chat,
/// IRC and HTTP endpoints on chosen free ports, its history in Redis; ready once it greets a connection.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private readonly ChildProcess _process;
    private readonly string _sqlite;

    private NodeProcess(ChildProcess process, int port, int ircPort, int httpPort, string sqlite)
    {
        _process = process;
        _sqlite = sqlite;
        ChatPort = port;
        IrcPort = ircPort;
        HttpPort = httpPort;
    }

    public int ChatPort { get; }

    public int IrcPort { get; }

    /// <summary>The <c>Http</c> endpoint: <c>/readyz</c>, <c>/metrics</c>.</summary>
    public int HttpPort { get; }

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public static async Task<NodeProcess> StartAsync(string name, string redis, TimeSpan lease)
    {
        int port = ChildProcess.FreePort(), ircPort = ChildProcess.FreePort(), httpPort = ChildProcess.FreePort();
        // History is in Redis when clustered; should a node fall back to SQLite, it gets a file of its own, so a node
        // started later could not show what the others kept (rather than all sharing chat.db beside the binary). Its
        // accounts are there too: in chat.db beside the binary they outlived the run, and the next run's operator
        // found its name registered already.
        var sqlite = Path.Combine(Path.GetTempPath(), $"chat-cluster-{name}-{Guid.NewGuid():N}.db");
        var process = ChildProcess.Start(name, DotnetHost(),
        [
            HostAssembly(),
            $"--Kestrel:Endpoints:Chat:Url=http://127.0.0.1:{port}",
            "--Kestrel:Endpoints:ChatTls:Url=https://127.0.0.1:0",
            $"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{httpPort}",
            $"--Kestrel:Endpoints:Irc:Url=http://127.0.0.1:{ircPort}",
            "--Kestrel:Endpoints:IrcTls:Url=https://127.0.0.1:0",
            $"--Chat:Cluster:Redis={redis}",
            $"--Chat:Cluster:LeaseTimeout={lease}",
            $"--Chat:History:ConnectionString=Data Source={sqlite}",
            $"--Chat:Accounts:ConnectionString=Data Source={sqlite}",
            "--Chat:Limits:MessagesPerSecond=100000",
            "--Chat:Limits:MessageBurst=100000",
            "--Chat:Limits:MaxConnectionsPerIp=1000",
            $"--Chat:Operators:0={ClusterFixture.Operator}",
            "--Serilog:MinimumLevel:Default=Warning",
        ]);
        var node = new NodeProcess(process, port, ircPort, httpPort, sqlite);
        try
        {
            await Eventually.TrueAsync(() => !process.HasExited && Greets(port), $"{name} takes connections", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            node.Dispose();
            throw new TimeoutException(ex.Message + "\n" + process.Output, ex);
        }

        return node;
    }

    /// <summary>Connects and registers a JSON Lines user; it has seen its own join of the default room.</summary>
    public async Task<TestClient> ConnectJsonAsync(string name)
    {
        var client = await TestClient.ConnectAsync(ChatPort);
        await client.ExpectAsync("Enter your name");
        await client.SendAsync($$"""{"type":"hello","name":"{{name}}"}""");
        await client.ExpectJsonAsync("join", e => e.GetProperty("name").GetString() == name);
        return client;
    }

    public async Task<TestClient> ConnectAsync()
    {
        var client = await TestClient.ConnectAsync(ChatPort);
        await client.ExpectAsync("Enter your name");
        return client;
    }

    /// <summary>Connects to the IRC port and registers <paramref name="nick"/>; the welcome burst has been read.</summary>
    public async Task<TestClient> ConnectIrcAsync(string nick)
    {
        var client = await TestClient.ConnectAsync(IrcPort);
        await client.RegisterIrcAsync(nick);
        return client;
    }

    /// <summary>SIGKILL: the node vanishes without a word to Redis or its users.</summary>
    public void Kill() => _process.Kill();

    public void Dispose()
    {
        _process.Dispose();
        foreach (var file in new[] { _sqlite, _sqlite + "-wal", _sqlite + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static bool Greets(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            client.ReceiveTimeout = 5000;
            return client.GetStream().Read(new byte[64]) > 0;
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return false;
        }
    }

    /// <summary>Chat.Host.dll in its own build output, with the packages the tests' output may lack.</summary>
    private static string HostAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (!File.Exists(Path.Combine(root.FullName, "ChatApp.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException($"No ChatApp.sln above {AppContext.BaseDirectory}.");
        }

        return Path.Combine(root.FullName, "Chat.Host", "bin", configuration, framework, "Chat.Host.dll");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
}
