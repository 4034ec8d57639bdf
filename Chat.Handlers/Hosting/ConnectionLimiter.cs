using System.Net;
using System.Runtime.InteropServices;
using Chat.Protocol;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Hosting;

/// <summary>
/// Connection middleware of the chat endpoints: at most <see cref="ChatLimits.MaxConnections"/> connections at once, and
/// <see cref="ChatLimits.MaxConnectionsPerIp"/> from one address (loopback included: raise the limit to test with many
/// local clients). Registered first, before TLS, so a connection counts from the moment it is accepted: sockets that
/// never finish a handshake take their share too. A refused connection is not counted; it goes on with a
/// <see cref="ConnectionRefusal"/>, so that its front says why in its own format (after the handshake, where TLS is
/// on) and closes it.
/// </summary>
public sealed partial class ConnectionLimiter(IOptions<ChatOptions> options, ILogger<ConnectionLimiter> logger)
{
    private readonly ChatLimits _limits = options.Value.Limits;
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private int _total;

    /// <summary>Chat connections currently admitted; one leaves only once its handler has finished.</summary>
    public int ActiveConnections => Volatile.Read(ref _total);

    public async Task OnConnectedAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        if (address is { IsIPv4MappedToIPv6: true })
        {
            address = address.MapToIPv4();
        }

        if (TryEnter(address) is { } refusal)
        {
            Log.Refused(logger, connection.RemoteEndPoint, refusal.Code);
            connection.Features.Set(new ConnectionRefusal(refusal));
            await next(connection);
            return;
        }

        try
        {
            await next(connection);
        }
        finally
        {
            Leave(address);
        }
    }

    private ChatError? TryEnter(IPAddress? address)
    {
        lock (_gate)
        {
            if (_total >= _limits.MaxConnections)
            {
                return new ChatError(ErrorCodes.ServerFull, Limit: _limits.MaxConnections);
            }

            if (address is not null)
            {
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_perAddress, address, out _);
                if (count >= _limits.MaxConnectionsPerIp)
                {
                    return new ChatError(ErrorCodes.TooManyConnections, address.ToString(), _limits.MaxConnectionsPerIp);
                }

                count++;
            }

            _total++;
            return null;
        }
    }

    private void Leave(IPAddress? address)
    {
        lock (_gate)
        {
            _total--;
            if (address is not null && --CollectionsMarshal.GetValueRefOrNullRef(_perAddress, address) == 0)
            {
                _perAddress.Remove(address);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(420, LogLevel.Warning, "Connection from {RemoteEndPoint} refused: {ErrorCode}")]
        public static partial void Refused(ILogger logger, EndPoint? remoteEndPoint, string errorCode);
    }
}

/// <summary>Why a connection was refused: its handler says so in the front's format and closes it.</summary>
public sealed record ConnectionRefusal(ChatError Error);
