using System.Net;
using Microsoft.Extensions.Logging;

namespace Chat.Handlers.Hosting.Proxy;

public sealed partial class ProxyProtocolMiddleware
{
    private static partial class Log
    {
        [LoggerMessage(900, LogLevel.Information, "PROXY protocol on endpoint {Endpoint}: trusted proxies {TrustedProxies}, header timeout {Timeout}")]
        public static partial void Enabled(ILogger logger, string endpoint, IEnumerable<string> trustedProxies, TimeSpan timeout);

        [LoggerMessage(901, LogLevel.Debug, "Proxy {ProxyEndPoint} forwards client {ClientEndPoint}")]
        public static partial void Forwarded(ILogger logger, EndPoint? proxyEndPoint, IPEndPoint clientEndPoint);

        [LoggerMessage(902, LogLevel.Debug, "Proxy {ProxyEndPoint} sent no client address (LOCAL or UNKNOWN); the connection keeps the proxy's")]
        public static partial void NoClientAddress(ILogger logger, EndPoint? proxyEndPoint);

        [LoggerMessage(903, LogLevel.Warning, "Connection from {RemoteEndPoint} on {Endpoint} closed: not a trusted proxy, and this endpoint takes connections only through one")]
        public static partial void Untrusted(ILogger logger, EndPoint? remoteEndPoint, string endpoint);

        [LoggerMessage(904, LogLevel.Warning, "Connection from proxy {ProxyEndPoint} on {Endpoint} closed: malformed PROXY header ({Reason})")]
        public static partial void Malformed(ILogger logger, EndPoint? proxyEndPoint, string endpoint, string? reason);

        [LoggerMessage(905, LogLevel.Warning, "Connection from proxy {ProxyEndPoint} on {Endpoint} closed: no PROXY header within {Timeout}")]
        public static partial void TimedOut(ILogger logger, EndPoint? proxyEndPoint, string endpoint, TimeSpan timeout);

        // Debug: a proxy's plain TCP health check connects and leaves without a header.
        [LoggerMessage(906, LogLevel.Debug, "Connection from proxy {ProxyEndPoint} on {Endpoint} ended before a PROXY header")]
        public static partial void EndedBeforeHeader(ILogger logger, EndPoint? proxyEndPoint, string endpoint);
    }
}
