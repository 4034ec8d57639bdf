using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Chat.Redis;

/// <summary>
/// This node's connection to the cluster's Redis and its identity there. Commands fail at once while Redis is
/// unreachable (no queueing behind a dead link: callers fall back to this node alone), and the multiplexer
/// reconnects by itself, resubscribing the event channel. Every round trip goes through <see cref="EvaluateAsync"/> or
/// <see cref="RunAsync{T}"/>, which count and time it by operation (<see cref="BackplaneMetrics"/>).
/// </summary>
public sealed partial class RedisConnection(IOptions<ClusterOptions> options, BackplaneMetrics metrics, ILogger<RedisConnection> logger)
    : IAsyncDisposable
{
    private ConnectionMultiplexer? _multiplexer;

    /// <summary>This process's id in the cluster, new at every start, so a restarted node never inherits a dead one's lease.</summary>
    public string NodeId { get; } = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..12];

    public TimeSpan LeaseTimeout { get; } = options.Value.LeaseTimeout;

    public IConnectionMultiplexer Multiplexer => _multiplexer ?? throw new InvalidOperationException("Not connected yet.");

    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>Runs a script (by its SHA once Redis knows it) as one measured round trip.</summary>
    public async Task<RedisResult> EvaluateAsync(string operation, string script, RedisKey[]? keys = null, RedisValue[]? values = null)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await Database.ScriptEvaluateAsync(script, keys, values);
            metrics.Answered(operation, started);
            return result;
        }
        catch
        {
            metrics.Failed(operation);
            throw;
        }
    }

    /// <summary>Sends one command as one measured round trip.</summary>
    public async Task<T> RunAsync<T>(string operation, Func<IDatabase, Task<T>> command)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await command(Database);
            metrics.Answered(operation, started);
            return result;
        }
        catch
        {
            metrics.Failed(operation);
            throw;
        }
    }

    /// <summary>Connects; when Redis is unreachable it returns anyway and keeps retrying in the background.</summary>
    public async Task ConnectAsync()
    {
        var configuration = ConfigurationOptions.Parse(options.Value.Redis!);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        // Back within a second of Redis's return, not the default's several.
        configuration.ReconnectRetryPolicy = new ExponentialRetry(250, 2000);
        configuration.ClientName ??= "chat-" + NodeId;
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        _multiplexer.ConnectionFailed += (_, e) => Log.ConnectionFailed(logger, e.EndPoint?.ToString(), e.ConnectionType, e.FailureType);
        _multiplexer.ConnectionRestored += (_, e) => Log.ConnectionRestored(logger, e.EndPoint?.ToString(), e.ConnectionType);
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1010, LogLevel.Warning, "Cluster: lost the {ConnectionType} connection to Redis at {EndPoint} ({FailureType})")]
        public static partial void ConnectionFailed(ILogger logger, string? endPoint, ConnectionType connectionType, ConnectionFailureType failureType);

        [LoggerMessage(1011, LogLevel.Information, "Cluster: {ConnectionType} connection to Redis at {EndPoint} restored")]
        public static partial void ConnectionRestored(ILogger logger, string? endPoint, ConnectionType connectionType);
    }
}
