using System.Collections.Concurrent;
using Chat.Handlers.Sessions;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Chat.Redis;

/// <summary>
/// Names unique across the cluster: a claim is a key naming the node, set by a script only when the name is free or
/// its node's lease has run out, so two nodes racing for a name get one winner. Claims need no renewal of their
/// own: they live as long as their node's lease. While Redis is unreachable no claim can be decided, so none is made.
/// </summary>
public sealed partial class RedisNameClaims(RedisConnection redis, ILogger<RedisNameClaims> logger) : INameClaims
{
    // What this node holds, by name key: ClusterNode writes it back to Redis when Redis has lost or kept too much.
    private readonly ConcurrentDictionary<string, string> _held = new();

    internal IEnumerable<KeyValuePair<string, string>> Held => _held;

    public async ValueTask<NameClaim> ClaimAsync(string name)
    {
        var key = RedisKeys.Fold(name);
        try
        {
            var result = (long)await redis.EvaluateAsync("claim", RedisScripts.Claim,
                [RedisKeys.Name(key), RedisKeys.Lease(redis.NodeId), RedisKeys.NodeNames(redis.NodeId)], [redis.NodeId, name, key]);
            if (result == 1)
            {
                _held[key] = name;
            }

            return result switch { 1 => NameClaim.Claimed, 0 => NameClaim.Taken, _ => NameClaim.Unavailable };
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.ClaimUndecided(logger, name, ex.Message);
            return NameClaim.Unavailable;
        }
    }

    public async ValueTask ReleaseAsync(string name)
    {
        var key = RedisKeys.Fold(name);
        _held.TryRemove(key, out _);
        try
        {
            await redis.EvaluateAsync("release", RedisScripts.Release, [RedisKeys.Name(key), RedisKeys.NodeNames(redis.NodeId)], [redis.NodeId, key]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The claim stays until this node writes its names back once Redis is reachable again.
            Log.ReleaseDeferred(logger, name, ex.Message);
        }
    }

    public async ValueTask<string?> FindAsync(string name)
    {
        try
        {
            return (string?)await redis.EvaluateAsync("find", RedisScripts.Find, [RedisKeys.Name(RedisKeys.Fold(name))]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Users of other nodes cannot be reached now anyway.
            Log.FindFailed(logger, name, ex.Message);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1020, LogLevel.Warning, "Cluster: the name {Name} could not be claimed: {Reason}")]
        public static partial void ClaimUndecided(ILogger logger, string name, string reason);

        [LoggerMessage(1021, LogLevel.Debug, "Cluster: the release of {Name} waits for Redis: {Reason}")]
        public static partial void ReleaseDeferred(ILogger logger, string name, string reason);

        [LoggerMessage(1022, LogLevel.Debug, "Cluster: {Name} could not be looked up: {Reason}")]
        public static partial void FindFailed(ILogger logger, string name, string reason);
    }
}
