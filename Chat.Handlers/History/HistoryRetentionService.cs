using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.History;

/// <summary>
/// Applies <see cref="HistoryOptions.RetentionCount"/> and <see cref="HistoryOptions.RetentionAge"/> at start and every
/// <see cref="HistoryOptions.RetentionInterval"/>. A failed pass is logged and retried at the next interval.
/// </summary>
public sealed partial class HistoryRetentionService(
    IHistoryStore store, IOptions<HistoryOptions> options, TimeProvider timeProvider, ILogger<HistoryRetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // Created before the first pass, so a tick during that pass is not missed.
        using var timer = new PeriodicTimer(settings.RetentionInterval, timeProvider);
        do
        {
            var olderThan = timeProvider.GetUtcNow() - settings.RetentionAge;
            try
            {
                var deleted = await store.PruneAsync(settings.RetentionCount, olderThan, stoppingToken);
                Log.Pruned(logger, deleted, settings.RetentionCount, olderThan);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping (a failed start included): the store may be closing under the pass; nothing is lost.
                return;
            }
            catch (Exception exception)
            {
                Log.PruneFailed(logger, exception);
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    /// <summary>False once stopping: a host whose start failed cancels the wait by disposal, and that is no failure.</summary>
    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(810, LogLevel.Debug, "History retention deleted {Count} entries (over {MaxPerRoom} per room or older than {OlderThan:u})")]
        public static partial void Pruned(ILogger logger, int count, int maxPerRoom, DateTimeOffset olderThan);

        [LoggerMessage(811, LogLevel.Error, "History retention failed; retrying at the next interval")]
        public static partial void PruneFailed(ILogger logger, Exception exception);
    }
}
