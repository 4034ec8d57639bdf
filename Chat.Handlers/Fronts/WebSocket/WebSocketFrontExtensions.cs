using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Fronts.WebSocket;

public static class WebSocketFrontExtensions
{
    /// <summary>The WebSocket front and its options (<c>Chat:WebSocket</c>); <see cref="MapChatWebSocket"/> serves it.</summary>
    public static IServiceCollection AddWebSocketFront(this IServiceCollection services, IConfiguration section)
    {
        services.AddConnections();
        services.AddOptions<WebSocketFrontOptions>().Bind(section);
        services.AddSingleton<WebSocketFront>();
        services.AddSingleton<OriginCheck>();
        return services;
    }

    /// <summary>
    /// The chat at <paramref name="path"/> on every HTTP endpoint (plain or https), as WebSockets only, behind the
    /// origin check. The incoming buffer holds one longest JSON line, the cap the front reads with.
    /// </summary>
    public static IEndpointConventionBuilder MapChatWebSocket(this IEndpointRouteBuilder app, string path = "/ws")
    {
        var chat = app.ServiceProvider.GetRequiredService<IOptions<ChatOptions>>().Value;
        var origins = app.ServiceProvider.GetRequiredService<OriginCheck>();
        var endpoint = app.MapConnectionHandler<WebSocketChatHandler>(path, http =>
        {
            http.Transports = HttpTransportType.WebSockets;
            http.ApplicationMaxBufferSize = chat.MaxJsonLineBytes;
        });
        endpoint.Add(builder => builder.RequestDelegate = origins.Wrap(builder.RequestDelegate!));
        return endpoint;
    }
}
