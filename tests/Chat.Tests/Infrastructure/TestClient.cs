using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;

namespace Chat.Tests.Infrastructure;

/// <summary>A real TCP client that reads lines and waits for expected ones with a timeout, never a sleep.</summary>
public sealed class TestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp;
    private readonly StreamReader _reader;

    private TestClient(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        Stream = stream;
        _reader = new StreamReader(Stream, Encoding.UTF8);
    }

    /// <summary>The socket's stream, or the TLS stream over it.</summary>
    public Stream Stream { get; }

    public Socket Socket => _tcp.Client;

    /// <summary>Every line read so far, in order.</summary>
    public List<string> Received { get; } = [];

    /// <summary>
    /// Connects; a small <paramref name="receiveBufferSize"/> keeps the kernel from absorbing much for a client that does
    /// not read. <paramref name="from"/> picks the local address, such as 127.0.0.2 for a second loopback peer.
    /// </summary>
    public static async Task<TestClient> ConnectAsync(int port, int? receiveBufferSize = null, IPAddress? from = null)
    {
        var tcp = from is null ? new TcpClient { NoDelay = true } : new TcpClient(new IPEndPoint(from, 0)) { NoDelay = true };
        if (receiveBufferSize is { } size)
        {
            tcp.ReceiveBufferSize = size;
        }

        await tcp.ConnectAsync("127.0.0.1", port);
        return new TestClient(tcp, tcp.GetStream());
    }

    /// <summary>
    /// Connects and completes a TLS handshake; throws <see cref="AuthenticationException"/> when it fails.
    /// <paramref name="from"/> picks the local address, such as 127.0.0.2 for a second loopback peer.
    /// </summary>
    public static async Task<TestClient> ConnectTlsAsync(
        int port, RemoteCertificateValidationCallback validate, SslProtocols protocols = SslProtocols.None, IPAddress? from = null)
    {
        var tcp = new TcpClient(new IPEndPoint(from ?? IPAddress.Loopback, 0)) { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            var tls = new SslStream(tcp.GetStream());
            using var timeout = new CancellationTokenSource(DefaultTimeout);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                RemoteCertificateValidationCallback = validate,
                EnabledSslProtocols = protocols,
            }, timeout.Token);
            return new TestClient(tcp, tls);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Drops the connection abruptly: an RST instead of a FIN, as when a client crashes or a cable is pulled.</summary>
    public void Reset()
    {
        Socket.LingerState = new LingerOption(true, 0);
        Socket.Close();
        _tcp.Dispose();
    }

    public async Task SendAsync(string line) => await SendRawAsync(Encoding.UTF8.GetBytes(line + "\n"));

    public async Task SendRawAsync(byte[] bytes)
    {
        await Stream.WriteAsync(bytes);
        await Stream.FlushAsync();
    }

    /// <summary>The next line, or null at end of stream; throws <see cref="TimeoutException"/> when none comes in time.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            var line = await _reader.ReadLineAsync(cts.Token);
            if (line is not null)
            {
                Received.Add(line);
            }

            return line;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No line within {timeout ?? DefaultTimeout}. Received so far:\n{string.Join("\n", Received)}");
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The next <paramref name="count"/> lines; throws when the connection ends before.</summary>
    public async Task<List<string>> ReadLinesAsync(int count)
    {
        var lines = new List<string>(count);
        while (lines.Count < count)
        {
            lines.Add(await ReadLineAsync() ?? throw new EndOfStreamException($"Connection closed after:\n{string.Join("\n", lines)}"));
        }

        return lines;
    }

    /// <summary>Reads until a line matches; returns it. Lines before it are skipped (and kept in <see cref="Received"/>).</summary>
    public async Task<string> ExpectAsync(Func<string, bool> match, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Expected {what ?? "a matching line"}. Received:\n{string.Join("\n", Received)}");
            }

            var line = await ReadLineAsync(left)
                ?? throw new EndOfStreamException($"Connection closed while expecting {what ?? "a matching line"}. Received:\n{string.Join("\n", Received)}");
            if (match(line))
            {
                return line;
            }
        }
    }

    public Task<string> ExpectAsync(string contains, TimeSpan? timeout = null) =>
        ExpectAsync(line => line.Contains(contains, StringComparison.Ordinal), timeout, $"a line containing '{contains}'");

    /// <summary>Reads until a JSON event of <paramref name="type"/> matches.</summary>
    public async Task<JsonElement> ExpectJsonAsync(string type, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        JsonElement found = default;
        await ExpectAsync(line =>
        {
            if (!line.StartsWith('{'))
            {
                return false;
            }

            var element = JsonDocument.Parse(line).RootElement;
            if (element.GetProperty("type").GetString() != type || (match is not null && !match(element)))
            {
                return false;
            }

            found = element;
            return true;
        }, timeout, $"a JSON '{type}' event");
        return found;
    }

    /// <summary>Waits until the server closes the connection; returns the lines read meanwhile.</summary>
    public async Task<List<string>> ExpectClosedAsync(TimeSpan? timeout = null)
    {
        var lines = new List<string>();
        while (await ReadLineAsync(timeout) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
