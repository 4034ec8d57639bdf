using Chat.Handlers.Rooms;
using Chat.Protocol;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Chat.Redis;

/// <summary>
/// <c>/who</c> and <c>/rooms</c> across the cluster, from the member entries the stream's scripts keep (a hash per
/// room), counting only nodes whose lease is alive. While Redis is unreachable it answers with this node's rooms.
/// </summary>
public sealed partial class RedisPresence(RedisConnection redis, RoomRegistry rooms, ILogger<RedisPresence> logger) : IPresence
{
    private readonly LocalPresence _local = new(rooms);

    public async ValueTask<WhoEvent> WhoAsync(Room room)
    {
        RedisResult[] entries;
        try
        {
            entries = (RedisResult[])(await redis.EvaluateAsync("who", RedisScripts.Who, [RedisKeys.Who(RedisKeys.Fold(room.Name))]))!;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.AnsweredLocally(logger, ex.Message);
            return LocalPresence.Who(room);
        }

        var members = new List<(string Name, bool Secure)>(entries.Length / 2);
        for (var i = 0; i + 1 < entries.Length; i += 2)
        {
            members.Add(((string)entries[i]!, ((string)entries[i + 1]!).EndsWith(":s", StringComparison.Ordinal)));
        }

        members.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name));
        return new WhoEvent(room.Name, [.. members.Select(m => m.Name)], [.. members.Where(m => m.Secure).Select(m => m.Name)]);
    }

    public async ValueTask<RoomsEvent> ListRoomsAsync()
    {
        RedisResult[] entries;
        try
        {
            entries = (RedisResult[])(await redis.EvaluateAsync("rooms", RedisScripts.ListRooms))!;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.AnsweredLocally(logger, ex.Message);
            return _local.ListRooms();
        }

        var list = new Dictionary<string, RoomInfo>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 2 < entries.Length; i += 3)
        {
            var name = (string)entries[i]!;
            var topic = (string?)entries[i + 2];
            list[name] = new RoomInfo(name, (int)entries[i + 1], string.IsNullOrEmpty(topic) ? null : topic);
        }

        // Rooms every node keeps (configured ones, empty or not) and any this node has that Redis does not know yet.
        foreach (var room in _local.ListRooms().Rooms)
        {
            list.TryAdd(room.Name, room);
        }

        return new RoomsEvent([.. list.Values.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)]);
    }

    private static partial class Log
    {
        [LoggerMessage(1030, LogLevel.Debug, "Cluster: presence answered from this node alone: {Reason}")]
        public static partial void AnsweredLocally(ILogger logger, string reason);
    }
}
