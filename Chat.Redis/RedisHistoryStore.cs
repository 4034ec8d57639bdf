using System.Globalization;
using Chat.Handlers.Events;
using Chat.Handlers.History;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Chat.Redis;

/// <summary>
/// The cluster's one history: a Redis stream per room (<c>chat:history:{room}</c>), and per conversation between two
/// accounts (<c>chat:history:@a@b</c>), whose entry ids are the room's (or the direct messages') ids, so every node serves the same scrollback and pages. Entries are written by the event stream's publish
/// script (<see cref="RedisScripts.PublishSequenced"/>) in the step that gives them their id, trimmed there to about
/// <see cref="HistoryOptions.RetentionCount"/> (<c>MAXLEN ~</c>) and exactly by <see cref="PruneAsync"/>.
/// </summary>
/// <remarks>
/// <see cref="AppendAsync"/> stores nothing: by the time the history observer sees an event, its script has written
/// it. An event delivered on one node alone while Redis is unreachable is not kept (docs/SCALING.md: faults).
/// </remarks>
public sealed partial class RedisHistoryStore(RedisConnection redis, IOptions<HistoryOptions> options, ILogger<RedisHistoryStore> logger)
    : IHistoryStore
{
    private const string Operation = "history";

    private readonly HistoryOptions _options = options.Value;

    /// <summary>The entry is in Redis already, written with its id by the publish script.</summary>
    public ValueTask AppendAsync(HistoryEntry entry, CancellationToken cancellationToken = default)
    {
        HistoryEntry.Validate(entry);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<HistoryPage> ReadAsync(string room, long? beforeId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        limit = Math.Min(limit, _options.MaxPageSize);
        if (beforeId <= 1)
        {
            return HistoryPage.Empty;
        }

        // Newest first, one more than asked to learn whether older ones remain; an id alone ends the range at its last sequence.
        RedisValue newest = beforeId is { } before ? before - 1 : "+";
        var key = RedisKeys.History(RedisKeys.Fold(room));
        var entries = await redis.RunAsync(Operation, database => database.StreamRangeAsync(key, "-", newest, limit + 1, Order.Descending));
        var count = Math.Min(entries.Length, limit);
        var page = new HistoryEntry[count];
        for (var i = 0; i < count; i++)
        {
            page[count - 1 - i] = ToEntry(entries[i]);
        }

        return new HistoryPage(page, entries.Length > limit);
    }

    public async ValueTask<HistoryPage> ReadAfterAsync(string room, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        limit = Math.Min(limit, _options.MaxPageSize);
        // Oldest first from the next id, one more than asked to learn whether newer ones remain.
        var key = RedisKeys.History(RedisKeys.Fold(room));
        var entries = await redis.RunAsync(Operation, database => database.StreamRangeAsync(key, afterId + 1, "+", limit + 1, Order.Ascending));
        return new HistoryPage([.. entries.Take(limit).Select(ToEntry)], entries.Length > limit);
    }

    /// <summary>
    /// What a starting node restores. None while Redis is unreachable: the node starts all the same, as it does in the
    /// cluster, and Redis's own counters and topics take over once it is back.
    /// </summary>
    public async ValueTask<IReadOnlyList<RoomHistoryState>> LoadRoomsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return ToStates(await redis.EvaluateAsync(Operation, RedisScripts.HistoryRooms, [RedisKeys.HistoryRooms, RedisKeys.HistoryTopics]));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.RoomsNotLoaded(logger, ex.Message);
            return [];
        }
    }

    public async ValueTask<RoomHistoryState?> LoadRoomAsync(string room, CancellationToken cancellationToken = default) =>
        ToStates(await redis.EvaluateAsync(Operation, RedisScripts.HistoryRooms, [RedisKeys.HistoryRooms, RedisKeys.HistoryTopics], [RedisKeys.Fold(room)]))
            .SingleOrDefault();

    /// <summary>
    /// Writes go through the publish script, so the store takes them while this node is connected to Redis; asked
    /// without a round trip (the <c>redis</c> check pings).
    /// </summary>
    public ValueTask CheckWritableAsync(CancellationToken cancellationToken = default) => redis.Multiplexer.IsConnected
        ? ValueTask.CompletedTask
        : ValueTask.FromException(new InvalidOperationException("Not connected to Redis."));

    /// <summary>One script per room, so Redis serves others between rooms. Every node runs it; the second finds nothing to do.</summary>
    public async ValueTask<int> PruneAsync(int maxPerRoom, DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPerRoom);
        var rooms = await redis.RunAsync(Operation, database => database.HashKeysAsync(RedisKeys.HistoryRooms));
        var deleted = 0;
        foreach (var room in rooms)
        {
            cancellationToken.ThrowIfCancellationRequested();
            deleted += (int)await redis.EvaluateAsync(Operation, RedisScripts.PruneHistory, [RedisKeys.History((string)room!)],
                [maxPerRoom, olderThan.ToUnixTimeMilliseconds()]);
        }

        return deleted;
    }

    /// <summary>
    /// What the publish script needs to keep <paramref name="chatEvent"/> in its room's history: the keys, then the
    /// room key, room name, <c>MAXLEN</c> and the entry's fields (its id and time come from the script). Null for an
    /// event history does not keep (<see cref="HistoryEntry.Of"/>).
    /// </summary>
    internal (RedisKey[] Keys, RedisValue[] Values)? WriteOf(ChatEvent chatEvent)
    {
        // Stamped with placeholders: what history keeps does not depend on the id and time the script gives.
        if (HistoryEntry.Of(chatEvent.Stamped(0, default)) is not { } entry)
        {
            return null;
        }

        entry = entry.WithPayloadWithin(_options.MaxPayloadBytes);
        var room = RedisKeys.Fold(entry.Room);
        List<RedisValue> values = [room, entry.Room, _options.RetentionCount, "k", KindOf(entry.Kind), "f", entry.From, "x", entry.Text, "r", entry.Room];
        if (entry.Payload is { } payload)
        {
            values.AddRange(["c", payload.ContentType, "s", payload.Size]);
            if (payload.FileName is { } name)
            {
                values.AddRange(["n", name]);
            }

            if (payload.Data is { } data)
            {
                values.AddRange(["d", data]);
            }
        }

        return ([RedisKeys.History(room), RedisKeys.HistoryRooms, RedisKeys.HistoryTopics], [.. values]);
    }

    private static string KindOf(HistoryKind kind) => kind switch
    {
        HistoryKind.Message => "m",
        HistoryKind.Action => "a",
        HistoryKind.Direct => "d",
        _ => "t",
    };

    private static HistoryEntry ToEntry(StreamEntry entry)
    {
        var id = (string)entry.Id!;
        var payload = entry["c"].HasValue
            ? new HistoryPayload(entry["c"]!, entry["n"], (long)entry["s"], entry["d"])
            : null;
        return new HistoryEntry(
            entry["r"]!,
            long.Parse(id.AsSpan(0, id.IndexOf('-')), CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeMilliseconds((long)entry["t"]),
            (string?)entry["k"] switch { "m" => HistoryKind.Message, "a" => HistoryKind.Action, "d" => HistoryKind.Direct, _ => HistoryKind.Topic },
            entry["f"]!,
            entry["x"]!,
            payload);
    }

    private static List<RoomHistoryState> ToStates(RedisResult result)
    {
        var fields = (RedisResult[])result!;
        var states = new List<RoomHistoryState>(fields.Length / 3);
        for (var i = 0; i + 2 < fields.Length; i += 3)
        {
            var topic = (string?)fields[i + 2];
            states.Add(new RoomHistoryState((string)fields[i]!, (long)fields[i + 1], string.IsNullOrEmpty(topic) ? null : topic));
        }

        return states;
    }

    private static partial class Log
    {
        [LoggerMessage(1150, LogLevel.Warning, "Cluster: the history's rooms could not be read at start ({Reason}); ids and topics come from Redis once it is back")]
        public static partial void RoomsNotLoaded(ILogger logger, string reason);
    }
}
