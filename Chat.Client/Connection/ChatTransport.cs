using System.Net.Sockets;

namespace Chat.Client.Connection;

/// <summary>
/// The one place where a client's byte stream is made. Everything above it speaks JSON Lines over a
/// <see cref="Stream"/>, so TLS wraps the stream here without touching the rest.
/// </summary>
internal static class ChatTransport
{
    public static async Task<Stream> ConnectAsync(ChatClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
