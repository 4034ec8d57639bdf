using System.Net;
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
/// on) and closes it. Refusals under way are bounded the same way, since a silent peer on a TLS port holds its socket
/// until the handshake times out: beyond that bound a refused connection is closed at once, without a word, and a
/// flood of silent sockets from one address never fills Kestrel's own limit for everyone else.
/// </summary>
public sealed partial class ConnectionLimiter(IOptions<ChatOptions> options, ChatMetrics metrics, ILogger<ConnectionLimiter> logger)
{
    private readonly ChatLimits _limits = options.Value.Limits;
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, Share> _perAddress = [];
    private int _total;
    private int _refusing;

    private enum Admission
    {
        Admitted,
        Refused,
        Closed,
    }

    /// <summary>Chat connections currently admitted; one leaves only once its handler has finished.</summary>
    public int ActiveConnections => Volatile.Read(ref _total);

    public async Task OnConnectedAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        if (address is { IsIPv4MappedToIPv6: true })
        {
            address = address.MapToIPv4();
        }

        var admission = TryEnter(address, out var refusal);
        switch (admission)
        {
            case Admission.Closed:
                Log.Closed(logger, connection.RemoteEndPoint, refusal!.Code);
                metrics.ConnectionRefused(refusal.Code);
                return;
            case Admission.Refused:
                Log.Refused(logger, connection.RemoteEndPoint, refusal!.Code);
                metrics.ConnectionRefused(refusal.Code);
                connection.Features.Set(new ConnectionRefusal(refusal));
                break;
        }

        try
        {
            await next(connection);
        }
        finally
        {
            Leave(address, admission);
        }
    }

    private Admission TryEnter(IPAddress? address, out ChatError? refusal)
    {
        lock (_gate)
        {
            Share? share = null;
            if (address is not null && !_perAddress.TryGetValue(address, out share))
            {
                _perAddress[address] = share = new Share();
            }

            refusal = _total >= _limits.MaxConnections ? new ChatError(ErrorCodes.ServerFull, Limit: _limits.MaxConnections)
                : share?.Admitted >= _limits.MaxConnectionsPerIp ? new ChatError(ErrorCodes.TooManyConnections, address!.ToString(), _limits.MaxConnectionsPerIp)
                : null;
            if (refusal is null)
            {
                _total++;
                if (share is not null)
                {
                    share.Admitted++;
                }

                return Admission.Admitted;
            }

            if (_refusing >= _limits.MaxConnections || share?.Refusing >= _limits.MaxConnectionsPerIp)
            {
                if (share is { IsEmpty: true })
                {
                    _perAddress.Remove(address!);
                }

                return Admission.Closed;
            }

            _refusing++;
            if (share is not null)
            {
                share.Refusing++;
            }

            return Admission.Refused;
        }
    }

    private void Leave(IPAddress? address, Admission admission)
    {
        lock (_gate)
        {
            var admitted = admission == Admission.Admitted;
            if (admitted)
            {
                _total--;
            }
            else
            {
                _refusing--;
            }

            if (address is not null && _perAddress.TryGetValue(address, out var share))
            {
                if (admitted)
                {
                    share.Admitted--;
                }
                else
                {
                    share.Refusing--;
                }

                if (share.IsEmpty)
                {
                    _perAddress.Remove(address);
                }
            }
        }
    }

    /// <summary>One address's connections: admitted, and refused but still being told so.</summary>
    private sealed class Share
    {
        public int Admitted;
        public int Refusing;

        public bool IsEmpty => Admitted == 0 && Refusing == 0;
    }

    private static partial class Log
    {
        [LoggerMessage(420, LogLevel.Warning, "Connection from {RemoteEndPoint} refused: {ErrorCode}")]
        public static partial void Refused(ILogger logger, EndPoint? remoteEndPoint, string errorCode);

        [LoggerMessage(603, LogLevel.Debug, "Connection from {RemoteEndPoint} closed at once: {ErrorCode}, and refusals to it are already under way")]
        public static partial void Closed(ILogger logger, EndPoint? remoteEndPoint, string errorCode);
    }
}

/// <summary>Why a connection was refused: its handler says so in the front's format and closes it.</summary>
public sealed record ConnectionRefusal(ChatError Error);
