using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Handlers.Tls;

public static class ChatTlsServiceCollectionExtensions
{
    /// <summary>The TLS chat port's options (validated at start) and the <see cref="ChatTlsEndpoint"/> that sets it up.</summary>
    public static IServiceCollection AddChatTls(this IServiceCollection services, IConfiguration tlsSection)
    {
        services.AddOptions<ChatTlsOptions>().Bind(tlsSection).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChatTlsEndpoint>();
        return services;
    }
}
