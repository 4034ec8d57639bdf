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
    /// <see cref="IHistoryStore"/> (SQLite, unless one is registered already) with its retention service. The store is
    /// opened when the retention service starts, so a database that cannot be used stops the host's start with a
    /// <see cref="HistoryStoreUnavailableException"/>.
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
            provider.GetRequiredService<ILogger<SqliteHistoryStore>>()));
        services.AddHostedService<HistoryRetentionService>();
        return services;
    }
}
