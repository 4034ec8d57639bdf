using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Chat.Protocol;

namespace Chat.Client.Connection;

/// <summary>
/// The one place where a client's byte stream is made: a TCP socket, wrapped in TLS when the options ask for it.
/// Everything above speaks JSON Lines over a <see cref="Stream"/> and never knows which.
/// </summary>
internal static class ChatTransport
{
    public static async Task<Stream> ConnectAsync(ChatClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var network = new NetworkStream(socket, ownsSocket: true);
        return options.UsesTls ? await AuthenticateAsync(network, options, cancellationToken) : network;
    }

    /// <summary>The TLS handshake; a refused certificate throws <see cref="ChatCertificateException"/>, any other failure <see cref="IOException"/>.</summary>
    private static async Task<Stream> AuthenticateAsync(NetworkStream network, ChatClientOptions options, CancellationToken cancellationToken)
    {
        string? refused = null;
        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = options.Host,
                RemoteCertificateValidationCallback = CertificatePinning.CreateCallback(options.Pin, reason => refused = reason),
            }, cancellationToken);
            return tls;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            await tls.DisposeAsync();
            if (refused is not null)
            {
                throw new ChatCertificateException(refused, ex);
            }

            throw new IOException($"The TLS handshake with {options.Host}:{options.Port} failed (is it the server's TLS port?): {ex.Message}", ex);
        }
        catch
        {
            await tls.DisposeAsync();
            throw;
        }
    }
}
