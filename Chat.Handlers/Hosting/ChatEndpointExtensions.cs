using Chat.Handlers.Fronts;
using Chat.Handlers.Hosting.Proxy;
using Chat.Handlers.Tls;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Handlers.Hosting;

public static class ChatEndpointExtensions
{
    /// <summary>
    /// Serves every registered <see cref="ChatEndpoint"/> with its front, behind the same connection middleware: the
    /// PROXY protocol header where the endpoint reads one (it comes before anything else, and gives the client's address
    /// to all that follows), the connection limits (a socket counts from the moment it is accepted), TCP keepalive, then
    /// TLS where the endpoint is https (before the front: added after it, the port would silently serve plaintext).
    /// </summary>
    /// <param name="onEndpoint">Sees each endpoint's listen options once set up (tests read bound ports there).</param>
    public static KestrelConfigurationLoader MapChatEndpoints(
        this KestrelConfigurationLoader loader, IServiceProvider services, Action<string, ListenOptions>? onEndpoint = null)
    {
        var limiter = services.GetRequiredService<ConnectionLimiter>();
        var keepAlive = services.GetRequiredService<TcpKeepAlive>();
        var tls = services.GetRequiredService<ChatTlsEndpoint>();
        var handler = services.GetRequiredService<ChatConnectionHandler>();
        foreach (var endpoint in services.GetServices<ChatEndpoint>())
        {
            var front = (IChatFront)services.GetRequiredService(endpoint.Front);
            loader.Endpoint(endpoint.Name, configuration =>
            {
                var listen = configuration.ListenOptions;
                listen.UseProxyProtocol(endpoint.Name);
                listen.Use(next => connection => limiter.OnConnectedAsync(connection, next));
                listen.Use(next => connection => keepAlive.OnConnectedAsync(connection, next));
                tls.UseTls(configuration);
                listen.Run(connection => handler.RunAsync(connection, front));
                onEndpoint?.Invoke(endpoint.Name, listen);
            });
        }

        return loader;
    }
}
