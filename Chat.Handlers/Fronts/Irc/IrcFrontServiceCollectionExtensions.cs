using Chat.Handlers.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Handlers.Fronts.Irc;

public static class IrcFrontServiceCollectionExtensions
{
    public const string Endpoint = "Irc";
    public const string TlsEndpoint = "IrcTls";

    /// <summary>
    /// The IRC front on the <c>Irc</c> endpoint and its TLS twin <c>IrcTls</c> (certificates as for <c>ChatTls</c>),
    /// with its options (<c>Chat:Irc</c>).
    /// </summary>
    public static IServiceCollection AddIrcFront(this IServiceCollection services)
    {
        services.AddOptions<IrcOptions>().BindConfiguration(IrcOptions.Section);
        services.AddSingleton<IrcFront>();
        services.AddSingleton(new ChatEndpoint(Endpoint, typeof(IrcFront)));
        services.AddSingleton(new ChatEndpoint(TlsEndpoint, typeof(IrcFront), Tls: true));
        return services;
    }
}
