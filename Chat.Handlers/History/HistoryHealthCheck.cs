using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chat.Handlers.History;

/// <summary>Readiness (<c>/readyz</c>): the history store can take writes, so messages are not refused for want of it.</summary>
public sealed class HistoryHealthCheck(IHistoryStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.CheckWritableAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("history cannot be written", exception);
        }
    }
}
