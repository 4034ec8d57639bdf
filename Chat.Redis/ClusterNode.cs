using Chat.Handlers.Events;
using Chat.Handlers.Rooms;
using Chat.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Chat.Redis;

/// <summary>
/// This node's life in the cluster: it connects before any service starts (history's restore reads Redis), subscribes
/// before the server takes connections, renews its lease three times per <see cref="ClusterOptions.LeaseTimeout"/>,
/// reaps nodes whose lease ran out (their users quit for everyone), and writes its own state back (lease, claims,
/// members, topics, id floors) whenever Redis comes back or is found to have lost it, as after a restart without
/// persistence.
/// </summary>
public sealed partial class ClusterNode(
    RedisConnection redis, RedisEventStream stream, RedisNameClaims names, RoomRegistry rooms, ILogger<ClusterNode> logger)
    : BackgroundService, IHostedLifecycleService
{
    private const string LostReason = "server lost";

    /// <summary>The metrics' operation of the round trips that write this node's state back.</summary>
    private const string Restore = "restore";

    private readonly SemaphoreSlim _wake = new(0);
    private volatile bool _restore = true;
    private bool _reachable = true;

    /// <summary>
    /// Whether Redis holds this node's state (lease, claims, members) as of the last tick: false at start, after a
    /// failed tick and from a reconnection until the state is written back. Claims are refused meanwhile.
    /// </summary>
    public bool InSync => !_restore;

    public Task StartingAsync(CancellationToken cancellationToken) => redis.ConnectAsync();

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.Multiplexer.ConnectionRestored += (_, _) =>
        {
            _restore = true;
            _wake.Release();
        };
        await TickAsync();
        Log.Started(logger, redis.NodeId, redis.Multiplexer.Configuration, redis.LeaseTimeout.TotalSeconds, _reachable);
        await base.StartAsync(cancellationToken);
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = redis.LeaseTimeout / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await TickAsync();
        }
    }

    private async Task TickAsync()
    {
        try
        {
            await stream.SubscribeAsync();
            var renewed = await redis.RunAsync("lease", database => database.StringSetAsync(RedisKeys.Lease(redis.NodeId), 1, redis.LeaseTimeout, When.Exists));
            if (!renewed || _restore)
            {
                _restore = false;
                await RestoreAsync();
            }

            await ReapAsync();
            if (!_reachable)
            {
                _reachable = true;
                Log.Reachable(logger);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _restore = true;
            if (_reachable)
            {
                _reachable = false;
                Log.Unreachable(logger, ex.Message);
            }
        }
    }

    /// <summary>Makes Redis hold what this node holds; every step is idempotent.</summary>
    private async Task RestoreAsync()
    {
        var node = redis.NodeId;
        await redis.RunAsync(Restore, database => database.StringSetAsync(RedisKeys.Lease(node), 1, redis.LeaseTimeout));
        await redis.RunAsync(Restore, database => database.SetAddAsync(RedisKeys.Nodes, node));

        var held = names.Held.ToArray();
        var lost = (RedisResult[])(await redis.EvaluateAsync(Restore, RedisScripts.SyncNames, [RedisKeys.NodeNames(node)],
            [node, .. held.SelectMany(n => new RedisValue[] { n.Key, n.Value })]))!;
        foreach (var name in lost)
        {
            Log.NameLost(logger, (string)name!);
        }

        var snapshot = rooms.Snapshot();
        RedisValue[] members = [.. snapshot.SelectMany(room => room.Members.SelectMany(member => new RedisValue[]
        {
            RedisKeys.Fold(room.Name), room.Name, member.Name, RedisKeys.Member(node, member.IsSecure),
        }))];
        await redis.EvaluateAsync(Restore, RedisScripts.SyncPresence, [RedisKeys.NodeRooms(node)], [node, .. members]);

        await Task.WhenAll(snapshot.Where(room => room.Topic is not null)
            .Select(room => redis.RunAsync(Restore, database => database.StringSetAsync(RedisKeys.Topic(RedisKeys.Fold(room.Name)), room.Topic, when: When.NotExists))));
        RedisValue[] floors = [.. stream.DeliveredIds.SelectMany(id => new RedisValue[] { id.Key, id.Value })];
        if (floors.Length > 0)
        {
            await redis.EvaluateAsync(Restore, RedisScripts.RaiseFloors, values: floors);
        }

        Log.Restored(logger, held.Length, members.Length / 4, floors.Length / 2);
    }

    /// <summary>Forgets the nodes whose lease ran out; their users quit for everyone who shared a room with them.</summary>
    private async Task ReapAsync()
    {
        RedisValue[] permanent = [.. rooms.Snapshot().Where(room => room.IsPermanent).Select(room => (RedisValue)RedisKeys.Fold(room.Name))];
        var gone = (RedisResult[])(await redis.EvaluateAsync("reap", RedisScripts.Reap, values: [redis.NodeId, .. permanent]))!;
        foreach (var entry in gone)
        {
            var user = (string[])entry!;
            Log.Reaped(logger, user[0], user.Length - 1);
            await stream.PublishAsync(new ChatEvent(new QuitEvent(user[0], LostReason)) { Rooms = user[1..], Departed = user[0] });
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1040, LogLevel.Information, "Cluster: node {NodeId} on Redis {Configuration}, lease {LeaseSeconds} s, reachable: {Reachable}")]
        public static partial void Started(ILogger logger, string nodeId, string configuration, double leaseSeconds, bool reachable);

        [LoggerMessage(1041, LogLevel.Warning, "Cluster: Redis is unreachable ({Reason}); users of this node talk among themselves until it is back")]
        public static partial void Unreachable(ILogger logger, string reason);

        [LoggerMessage(1042, LogLevel.Information, "Cluster: Redis is reachable again")]
        public static partial void Reachable(ILogger logger);

        [LoggerMessage(1043, LogLevel.Information, "Cluster: this node's state written to Redis: {Names} names, {Members} room members, {Counters} id floors")]
        public static partial void Restored(ILogger logger, int names, int members, int counters);

        [LoggerMessage(1044, LogLevel.Information, "Cluster: {Name} quit with a node whose lease ran out ({Rooms} rooms)")]
        public static partial void Reaped(ILogger logger, string name, int rooms);

        [LoggerMessage(1045, LogLevel.Warning, "Cluster: another node claimed {Name} while this node was cut off; two users now share it")]
        public static partial void NameLost(ILogger logger, string name);
    }
}
