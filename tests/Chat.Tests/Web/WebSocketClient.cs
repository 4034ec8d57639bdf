using System.IO.Pipelines;
using System.Net.Security;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Web;

/// <summary>
/// A JSON Lines client over a WebSocket to <c>/ws</c>: each command goes out as one text frame ending in LF; incoming
/// frames are joined into one byte stream and read as lines, as the page does.
/// </summary>
public sealed class WebSocketClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Pipe _incoming = new();
    private readonly StreamReader _reader;
    private readonly Task _receiving;

    private WebSocketClient(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = new StreamReader(_incoming.Reader.AsStream(), Encoding.UTF8);
        _receiving = ReceiveAsync();
    }

    public List<string> Received { get; } = [];

    public static async Task<WebSocketClient> ConnectAsync(Uri url, string? origin = null, RemoteCertificateValidationCallback? validate = null)
    {
        var socket = new ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        socket.Options.RemoteCertificateValidationCallback = validate;
        using var timeout = new CancellationTokenSource(TestClient.DefaultTimeout);
        await socket.ConnectAsync(url, timeout.Token);
        return new WebSocketClient(socket);
    }

    public Task SendAsync(string line) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(line + "\n"), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Reads until a JSON event of <paramref name="type"/> matches; throws when none comes in time or the socket closes.</summary>
    public async Task<JsonElement> ExpectJsonAsync(string type, Func<JsonElement, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(TestClient.DefaultTimeout);
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected a JSON '{type}' event. Received:\n{string.Join("\n", Received)}");
            }

            if (line is null)
            {
                throw new EndOfStreamException($"Closed while expecting a JSON '{type}' event. Received:\n{string.Join("\n", Received)}");
            }

            Received.Add(line);
            var element = JsonDocument.Parse(line).RootElement;
            if (element.GetProperty("type").GetString() == type && (match is null || match(element)))
            {
                return element;
            }
        }
    }

    /// <summary>Waits for the server to close the socket; returns the lines read meanwhile.</summary>
    public async Task<List<string>> ExpectClosedAsync()
    {
        using var timeout = new CancellationTokenSource(TestClient.DefaultTimeout);
        var lines = new List<string>();
        while (await _reader.ReadLineAsync(timeout.Token) is { } line)
        {
            Received.Add(line);
            lines.Add(line);
        }

        return lines;
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(_incoming.Writer.GetMemory(4096), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                _incoming.Writer.Advance(result.Count);
                await _incoming.Writer.FlushAsync();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The server went away without a close frame, or the test let go: the end of the stream all the same.
        }
        finally
        {
            await _incoming.Writer.CompleteAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        await _receiving;
        _socket.Dispose();
    }
}
