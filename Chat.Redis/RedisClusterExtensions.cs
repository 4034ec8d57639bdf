using Chat.Handlers.Events;
using Chat.Handlers.History;
using Chat.Handlers.Hosting;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Redis;

public static class RedisClusterExtensions
{
    /// <summary>
    /// Cluster mode when <c>Chat:Cluster:Redis</c> is set: the event stream, name claims and presence through Redis,
    /// this node's lease, the cluster's history in Redis (unless <c>Chat:History:Enabled</c> is false), Redis in
    /// <c>/readyz</c> and the backplane's metrics. Call before <c>AddChat</c> and <c>AddChatHistory</c>, which then
    /// keep these. Unset, it adds nothing.
    /// </summary>
    public static IServiceCollection AddChatRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ClusterOptions.Section);
        if (string.IsNullOrWhiteSpace(section[nameof(ClusterOptions.Redis)]))
        {
            return services;
        }

        services.AddOptions<ClusterOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<BackplaneMetrics>();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<RedisEventStream>();
        services.AddSingleton<IEventStream>(provider => provider.GetRequiredService<RedisEventStream>());
        services.AddSingleton<RedisNameClaims>();
        services.AddSingleton<INameClaims>(provider => provider.GetRequiredService<RedisNameClaims>());
        services.AddSingleton<IPresence, RedisPresence>();
        services.AddSingleton<ClusterNode>();
        services.AddHostedService(provider => provider.GetRequiredService<ClusterNode>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [ChatReadiness.Tag]);
        if (configuration.GetSection(HistoryOptions.Section).GetValue(nameof(HistoryOptions.Enabled), defaultValue: true))
        {
            services.AddSingleton<RedisHistoryStore>();
            services.AddSingleton<IHistoryStore>(provider => provider.GetRequiredService<RedisHistoryStore>());
        }

        return services;
    }
}
