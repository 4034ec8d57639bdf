using Chat.Handlers.Events;
using Chat.Handlers.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.History;

public static class HistoryServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="HistoryOptions"/> (validated at start) and, unless <c>Enabled</c> is false, an
    /// <see cref="IHistoryStore"/> (SQLite, unless one is registered already) fed by the event stream
    /// (<see cref="HistoryObserver"/>), restored at startup (<see cref="HistoryRestore"/>) and pruned in the background
    /// (<see cref="HistoryRetentionService"/>). The store is opened when the host resolves its services to start, so a
    /// database that cannot be used stops the start with a <see cref="HistoryStoreUnavailableException"/>.
    /// </summary>
    public static IServiceCollection AddChatHistory(this IServiceCollection services, IConfiguration historySection)
    {
        services.AddOptions<HistoryOptions>().Bind(historySection).ValidateDataAnnotations().ValidateOnStart();
        if (!historySection.GetValue(nameof(HistoryOptions.Enabled), defaultValue: true))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHistoryStore>(provider => SqliteHistoryStore.Open(
            provider.GetRequiredService<IOptions<HistoryOptions>>().Value,
            provider.GetRequiredService<ILogger<SqliteHistoryStore>>(),
            provider.GetRequiredService<HistoryMetrics>()));
        services.AddMetrics();
        services.TryAddSingleton<HistoryMetrics>();
        services.AddHealthChecks().AddCheck<HistoryHealthCheck>("history", tags: [ChatReadiness.Tag], timeout: TimeSpan.FromSeconds(5));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEventObserver, HistoryObserver>());
        services.AddHostedService<HistoryRestore>();
        services.AddHostedService<HistoryRetentionService>();
        return services;
    }
}
