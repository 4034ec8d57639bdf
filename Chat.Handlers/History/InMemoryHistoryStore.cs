namespace Chat.Handlers.History;

/// <summary>
/// History in this process only, for tests: the same rules as <see cref="SqliteHistoryStore"/>, and each room holds
/// at most <see cref="HistoryOptions.RetentionCount"/> entries (the oldest go first).
/// </summary>
public sealed class InMemoryHistoryStore(HistoryOptions options) : IHistoryStore
{
    private readonly Dictionary<string, RoomLog> _rooms = [];
    private readonly Lock _lock = new();

    public ValueTask AppendAsync(HistoryEntry entry, CancellationToken cancellationToken = default)
    {
        HistoryEntry.Validate(entry);
        entry = entry.WithPayloadWithin(options.MaxPayloadBytes);
        lock (_lock)
        {
            var key = HistoryEntry.KeyOf(entry.Room);
            if (!_rooms.TryGetValue(key, out var log))
            {
                _rooms[key] = log = new RoomLog();
            }
            else if (entry.Id <= log.LastId)
            {
                return ValueTask.FromException(HistoryEntry.NotAfter(entry, log.LastId));
            }

            log.Room = entry.Room;
            log.LastId = entry.Id;
            if (entry.Kind == HistoryKind.Topic)
            {
                log.Topic = entry.NewTopic;
            }

            log.Entries.Add(entry);
            if (log.Entries.Count > options.RetentionCount)
            {
                log.Entries.RemoveRange(0, log.Entries.Count - options.RetentionCount);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<HistoryPage> ReadAsync(string room, long? beforeId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        limit = Math.Min(limit, options.MaxPageSize);
        lock (_lock)
        {
            if (!_rooms.TryGetValue(HistoryEntry.KeyOf(room), out var log))
            {
                return ValueTask.FromResult(HistoryPage.Empty);
            }

            // Entries are in id order: the first index at or after beforeId ends the page.
            var end = beforeId is { } before ? LowerBound(log.Entries, before) : log.Entries.Count;
            var start = Math.Max(0, end - limit);
            return ValueTask.FromResult(new HistoryPage(log.Entries[start..end], start > 0));
        }
    }

    public ValueTask<HistoryPage> ReadAfterAsync(string room, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        limit = Math.Min(limit, options.MaxPageSize);
        lock (_lock)
        {
            if (!_rooms.TryGetValue(HistoryEntry.KeyOf(room), out var log))
            {
                return ValueTask.FromResult(HistoryPage.Empty);
            }

            var start = LowerBound(log.Entries, afterId + 1);
            var end = Math.Min(log.Entries.Count, start + limit);
            return ValueTask.FromResult(new HistoryPage(log.Entries[start..end], end < log.Entries.Count));
        }
    }

    public ValueTask<IReadOnlyList<RoomHistoryState>> LoadRoomsAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<RoomHistoryState>>(
                [.. _rooms.Values.Select(log => new RoomHistoryState(log.Room, log.LastId, log.Topic))]);
        }
    }

    public ValueTask<RoomHistoryState?> LoadRoomAsync(string room, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_rooms.TryGetValue(HistoryEntry.KeyOf(room), out var log)
                ? new RoomHistoryState(log.Room, log.LastId, log.Topic)
                : null);
        }
    }

    public ValueTask CheckWritableAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<int> PruneAsync(int maxPerRoom, DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPerRoom);
        var deleted = 0;
        lock (_lock)
        {
            foreach (var log in _rooms.Values)
            {
                // As the SQLite store does: oldest first, up to the first entry not older than the cutoff.
                var old = 0;
                while (old < log.Entries.Count && log.Entries[old].Ts < olderThan)
                {
                    old++;
                }

                log.Entries.RemoveRange(0, old);
                deleted += old;
                var excess = log.Entries.Count - maxPerRoom;
                if (excess > 0)
                {
                    log.Entries.RemoveRange(0, excess);
                    deleted += excess;
                }
            }
        }

        return ValueTask.FromResult(deleted);
    }

    private static int LowerBound(List<HistoryEntry> entries, long id)
    {
        int low = 0, high = entries.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (entries[middle].Id < id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private sealed class RoomLog
    {
        public List<HistoryEntry> Entries { get; } = [];

        public string Room { get; set; } = "";

        public long LastId { get; set; }

        public string? Topic { get; set; }
    }
}
