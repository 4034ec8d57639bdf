using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chat.Handlers.Hosting.Proxy;

/// <summary>
/// Connection middleware for an endpoint behind a TCP load balancer: it reads the PROXY protocol header the
/// balancer sends first and makes the client's address the connection's <see cref="ConnectionContext.RemoteEndPoint"/>,
/// so everything after it (the per-IP limit, logs) sees the client rather than the proxy.
/// </summary>
/// <remarks>
/// Only <see cref="ProxyProtocolOptions.TrustedProxies"/> may connect: anyone else could write a header claiming any
/// address, and taking their connection without one would let them past the per-IP limits as the proxy's peers.
/// A trusted proxy's connection without a valid, complete header in time is closed too, so a misconfigured
/// balancer shows at once instead of every client sharing its address.
/// </remarks>
public sealed partial class ProxyProtocolMiddleware(
    string endpointName, ProxyProtocolOptions options, ChatMetrics metrics, TimeProvider time, ILogger<ProxyProtocolMiddleware> logger)
{
    /// <summary>The reasons of <see cref="ChatMetrics.ConnectionRefused"/> for this middleware's refusals.</summary>
    public const string RefusedUntrusted = "proxy_untrusted", RefusedMalformed = "proxy_malformed", RefusedTimeout = "proxy_timeout";

    private readonly IReadOnlyList<IPNetwork> _trusted = options.TrustedNetworks();

    /// <summary>The middleware for <paramref name="endpointName"/>, or null when the endpoint does not use the PROXY protocol.</summary>
    /// <exception cref="InvalidOperationException">The endpoint's settings are invalid.</exception>
    public static ProxyProtocolMiddleware? Create(string endpointName, IServiceProvider services)
    {
        var options = ProxyProtocolOptions.Load(services.GetRequiredService<IConfiguration>(), endpointName);
        if (!options.ProxyProtocol)
        {
            return null;
        }

        var logger = services.GetRequiredService<ILogger<ProxyProtocolMiddleware>>();
        Log.Enabled(logger, endpointName, options.TrustedProxies, options.ProxyProtocolTimeout);
        return new ProxyProtocolMiddleware(
            endpointName, options, services.GetRequiredService<ChatMetrics>(), services.GetService<TimeProvider>() ?? TimeProvider.System, logger);
    }

    public async Task OnConnectedAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var proxy = connection.RemoteEndPoint;
        if (!IsTrusted(proxy))
        {
            Log.Untrusted(logger, proxy, endpointName);
            metrics.ConnectionRefused(RefusedUntrusted);
            return;
        }

        if (await ReadHeaderAsync(connection, proxy) is not { } header)
        {
            return;
        }

        if (header.Source is { } client)
        {
            connection.RemoteEndPoint = client;
            Log.Forwarded(logger, proxy, client);
        }
        else
        {
            Log.NoClientAddress(logger, proxy);
        }

        await next(connection);
    }

    private bool IsTrusted(EndPoint? remote)
    {
        if (remote is not IPEndPoint { Address: var address })
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return _trusted.Any(network => network.Contains(address));
    }

    /// <summary>The parsed header, with the input advanced past it; null when the connection is to be closed (logged).</summary>
    private async Task<ProxyHeaderResult?> ReadHeaderAsync(ConnectionContext connection, EndPoint? proxy)
    {
        var input = connection.Transport.Input;
        var stopping = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        using var deadline = new CancellationTokenSource(options.ProxyProtocolTimeout, time);
        using var stop = stopping.Register(static state => ((CancellationTokenSource)state!).Cancel(), deadline);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(deadline.Token);
                var buffer = result.Buffer;
                var header = ProxyHeaderParser.Parse(buffer);
                if (header.Status == ProxyHeaderStatus.Parsed)
                {
                    input.AdvanceTo(buffer.GetPosition(header.Consumed));
                    return header;
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (header.Status == ProxyHeaderStatus.Invalid)
                {
                    Log.Malformed(logger, proxy, endpointName, header.Error);
                    metrics.ConnectionRefused(RefusedMalformed);
                    return null;
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    if (buffer.IsEmpty)
                    {
                        Log.EndedBeforeHeader(logger, proxy, endpointName);
                    }
                    else
                    {
                        Log.Malformed(logger, proxy, endpointName, "the connection ended inside the header");
                        metrics.ConnectionRefused(RefusedMalformed);
                    }

                    return null;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            if (!stopping.IsCancellationRequested)
            {
                Log.TimedOut(logger, proxy, endpointName, options.ProxyProtocolTimeout);
                metrics.ConnectionRefused(RefusedTimeout);
            }

            return null;
        }
        catch (Exception ex) when (ex is ConnectionResetException or IOException or ConnectionAbortedException)
        {
            Log.EndedBeforeHeader(logger, proxy, endpointName);
            return null;
        }
    }
}
