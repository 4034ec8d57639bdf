using Microsoft.AspNetCore.Connections;

namespace Chat.Handlers.Hosting.Proxy;

public static class ProxyProtocolConnectionBuilderExtensions
{
    /// <summary>
    /// Reads the PROXY protocol header on connections to <paramref name="endpointName"/> when
    /// <c>Chat:Endpoints:{endpointName}:ProxyProtocol</c> is on (<see cref="ProxyProtocolMiddleware"/>); adds nothing
    /// otherwise. Register it first on the endpoint: the header comes before the TLS handshake, and the connection
    /// guards after it must see the client's address.
    /// </summary>
    /// <exception cref="InvalidOperationException">The endpoint's PROXY protocol settings are invalid.</exception>
    public static TBuilder UseProxyProtocol<TBuilder>(this TBuilder builder, string endpointName) where TBuilder : IConnectionBuilder
    {
        if (ProxyProtocolMiddleware.Create(endpointName, builder.ApplicationServices) is { } middleware)
        {
            builder.Use(next => connection => middleware.OnConnectedAsync(connection, next));
        }

        return builder;
    }
}
