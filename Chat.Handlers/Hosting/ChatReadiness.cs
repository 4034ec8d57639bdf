using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Hosting;

/// <summary>
/// Whether this node should get new clients: the health check behind <c>/readyz</c>, unready from the moment the
/// host begins to stop (its first step, before any service stops). Stopping then waits <see cref="ChatOptions.ShutdownDrainDelay"/>, everything still served
/// (Kestrel keeps answering <c>/readyz</c> with 503), so that load balancers see it first; only then does Kestrel stop,
/// and chat connections get their shutdown line and drain within what is left of the host's shutdown timeout.
/// </summary>
/// <remarks>
/// Checks of the stores this node needs (history, the backplane) join <c>/readyz</c> by the same tag:
/// <c>services.AddHealthChecks().AddCheck&lt;T&gt;("history", tags: [ChatReadiness.Tag])</c>.
/// </remarks>
public sealed partial class ChatReadiness(
    IOptions<ChatOptions> options, IOptions<HostOptions> host, TimeProvider time, ILogger<ChatReadiness> logger)
    : IHealthCheck, IHostedLifecycleService
{
    /// <summary>The tag of every health check that <c>/readyz</c> runs.</summary>
    public const string Tag = "ready";

    private int _draining;

    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    /// <summary>
    /// Degraded while stopping: nothing is broken, the node is leaving. <c>/readyz</c> answers 503 for it all the same,
    /// and the health check service logs it as a warning rather than an error on every poll of a balancer.
    /// </summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsDraining ? HealthCheckResult.Degraded("the server is stopping") : HealthCheckResult.Healthy());

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ShutdownDrainDelay >= host.Value.ShutdownTimeout)
        {
            Log.DelayOverTimeout(logger, options.Value.ShutdownDrainDelay, host.Value.ShutdownTimeout);
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs before any hosted service stops, Kestrel included: the delay holds the server up, serving but unready.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        // Started before readiness turns, so whoever sees 503 knows the delay's end is already set (tests drive the clock).
        var delay = Task.Delay(options.Value.ShutdownDrainDelay, time, cancellationToken);
        Volatile.Write(ref _draining, 1);
        Log.Draining(logger, options.Value.ShutdownDrainDelay);
        try
        {
            await delay;
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out: stop now.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(930, LogLevel.Information, "Stopping: not ready from now; chat connections are told and closed in {ShutdownDrainDelay}")]
        public static partial void Draining(ILogger logger, TimeSpan shutdownDrainDelay);

        [LoggerMessage(931, LogLevel.Warning,
            "Chat:ShutdownDrainDelay ({ShutdownDrainDelay}) is not shorter than the shutdown timeout ({ShutdownTimeout}, shutdownTimeoutSeconds): connections will be cut without their shutdown line")]
        public static partial void DelayOverTimeout(ILogger logger, TimeSpan shutdownDrainDelay, TimeSpan shutdownTimeout);
    }
}
