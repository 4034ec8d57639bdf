using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Hosting;

/// <summary>
/// Connection middleware that turns TCP keepalive on for each chat socket, so a peer that vanished without a FIN or
/// RST (power loss, a dropped NAT mapping) is found by the kernel even when nobody writes to it; the read then fails
/// and the user leaves their rooms with a quit notice.
/// </summary>
public sealed class TcpKeepAlive(IOptions<ChatOptions> options)
{
    private readonly ChatLimits _limits = options.Value.Limits;

    public Task OnConnectedAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { ProtocolType: ProtocolType.Tcp } socket)
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)_limits.TcpKeepAliveTime.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, (int)_limits.TcpKeepAliveInterval.TotalSeconds);
        }

        return next(connection);
    }
}
