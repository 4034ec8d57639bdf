using System.IO.Pipelines;
using System.Net;
using System.Runtime.InteropServices;
using Chat.Handlers.Formats;
using Chat.Protocol;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Hosting;

/// <summary>
/// Connection middleware of the chat port: at most <see cref="ChatLimits.MaxConnections"/> connections at once, and
/// <see cref="ChatLimits.MaxConnectionsPerIp"/> from one address (loopback included: raise the limit to test with
/// many local clients). A refused connection gets one error line saying why, then is closed.
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
            await RefuseAsync(connection.Transport.Output, refusal);
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

    private ErrorEvent? TryEnter(IPAddress? address)
    {
        lock (_gate)
        {
            if (_total >= _limits.MaxConnections)
            {
                return new ErrorEvent(ErrorCodes.ServerFull,
                    $"The server is full ({_limits.MaxConnections} connections); try again later.");
            }

            if (address is not null)
            {
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_perAddress, address, out _);
                if (count >= _limits.MaxConnectionsPerIp)
                {
                    return new ErrorEvent(ErrorCodes.TooManyConnections,
                        $"Too many connections from {address} (at most {_limits.MaxConnectionsPerIp}); close one and try again.");
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

    /// <summary>The wire format is not known before the first line, so the refusal is a text line.</summary>
    private static async Task RefuseAsync(PipeWriter output, ErrorEvent refusal)
    {
        try
        {
            await output.WriteAsync(WireFormats.Text.Encode(refusal));
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException or OperationCanceledException)
        {
            // The peer is already gone; closing is all that is left to do.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(420, LogLevel.Warning, "Connection from {RemoteEndPoint} refused: {ErrorCode}")]
        public static partial void Refused(ILogger logger, EndPoint? remoteEndPoint, string errorCode);
    }
}
