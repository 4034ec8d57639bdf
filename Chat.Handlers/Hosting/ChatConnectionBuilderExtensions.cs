using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Handlers.Hosting;

public static class ChatConnectionBuilderExtensions
{
    /// <summary>
    /// The chat port's connection middleware: connection limits with a one-line refusal, then TCP keepalive.
    /// Register it just before the connection handler (after TLS, so the refusal can be read).
    /// </summary>
    public static TBuilder UseChatConnectionGuards<TBuilder>(this TBuilder builder) where TBuilder : IConnectionBuilder
    {
        var limiter = builder.ApplicationServices.GetRequiredService<ConnectionLimiter>();
        var keepAlive = builder.ApplicationServices.GetRequiredService<TcpKeepAlive>();
        builder.Use(next => connection => limiter.OnConnectedAsync(connection, next));
        builder.Use(next => connection => keepAlive.OnConnectedAsync(connection, next));
        return builder;
    }
}
