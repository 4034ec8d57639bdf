using System.Net.Sockets;
using System.Text;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Cluster;

/// <summary>A real <c>redis-server</c> on a free loopback port, without persistence; killed by its PID.</summary>
public sealed class RedisServer : IDisposable
{
    private ChildProcess? _process;

    public int Port { get; } = ChildProcess.FreePort();

    /// <summary>The StackExchange.Redis configuration string for it.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public string Output => _process?.Output ?? "";

    public async Task StartAsync()
    {
        _process?.Dispose();
        _process = ChildProcess.Start("redis-server", "redis-server",
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        await Eventually.TrueAsync(Pings, $"redis-server answers on port {Port}");
    }

    /// <summary>
    /// SIGKILL: every key is lost, as it keeps none; <see cref="StartAsync"/> starts a new one on the same port. Its
    /// output stays readable for failure messages.
    /// </summary>
    public void Kill() => _process?.Kill();

    public void Dispose() => _process?.Dispose();

    private bool Pings()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
