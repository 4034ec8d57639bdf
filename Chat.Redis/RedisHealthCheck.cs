using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Chat.Redis;

/// <summary>
/// Part of <c>/readyz</c> in cluster mode (tagged <c>ChatReadiness.Tag</c>): ready while Redis answers a <c>PING</c>
/// and holds this node's state. A node cut off from Redis still serves its own users, but a balancer should send new
/// ones to a node that reaches the rest of the cluster and can claim their names. While Redis is down the ping fails
/// at once (commands are not queued), so polls cost nothing.
/// </summary>
public sealed class RedisHealthCheck(RedisConnection redis, ClusterNode node) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        TimeSpan latency;
        try
        {
            latency = await redis.RunAsync("ping", database => database.PingAsync());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable: " + ex.Message);
        }

        return node.InSync
            ? HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.###} ms")
            : HealthCheckResult.Unhealthy("Redis is back; this node's state is not written back yet");
    }
}
