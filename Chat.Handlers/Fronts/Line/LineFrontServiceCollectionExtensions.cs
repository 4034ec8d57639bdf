using Chat.Handlers.Hosting;
using Chat.Handlers.Tls;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Handlers.Fronts.Line;

public static class LineFrontServiceCollectionExtensions
{
    /// <summary>The line front (text and JSON Lines) on the <c>Chat</c> endpoint and its TLS twin, <c>ChatTls</c>.</summary>
    public static IServiceCollection AddLineFront(this IServiceCollection services)
    {
        services.AddSingleton<LineFront>();
        services.AddSingleton(new ChatEndpoint("Chat", typeof(LineFront)));
        services.AddSingleton(new ChatEndpoint(ChatTlsEndpoint.Name, typeof(LineFront)));
        return services;
    }
}
