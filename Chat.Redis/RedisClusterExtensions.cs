using Chat.Handlers.Events;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Redis;

public static class RedisClusterExtensions
{
    /// <summary>
    /// Cluster mode when <c>Chat:Cluster:Redis</c> is set: the event stream, name claims and presence through Redis,
    /// and this node's lease. Call before <c>AddChat</c>, which then keeps these. Unset, it adds nothing.
    /// </summary>
    public static IServiceCollection AddChatRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ClusterOptions.Section);
        if (string.IsNullOrWhiteSpace(section[nameof(ClusterOptions.Redis)]))
        {
            return services;
        }

        services.AddOptions<ClusterOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<RedisEventStream>();
        services.AddSingleton<IEventStream>(provider => provider.GetRequiredService<RedisEventStream>());
        services.AddSingleton<RedisNameClaims>();
        services.AddSingleton<INameClaims>(provider => provider.GetRequiredService<RedisNameClaims>());
        services.AddSingleton<IPresence, RedisPresence>();
        services.AddHostedService<ClusterNode>();
        return services;
    }
}
