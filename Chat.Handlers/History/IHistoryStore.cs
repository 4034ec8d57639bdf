namespace Chat.Handlers.History;

/// <summary>
/// Room history behind one small interface: SQLite by default (<see cref="SqliteHistoryStore"/>), in memory for tests,
/// a shared store when clustered. Fed by the ordered event stream, so ids arrive in order per room.
/// </summary>
public interface IHistoryStore
{
    /// <summary>
    /// Stores <paramref name="entry"/>, completing once it is committed (faulting if it is not). The entry's id must be
    /// after its room's last id, even a pruned one. <paramref name="cancellationToken"/> only cancels waiting for room
    /// in the write queue: once queued, the task reports the commit.
    /// </summary>
    ValueTask AppendAsync(HistoryEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest <paramref name="limit"/> entries of <paramref name="room"/> (capped at the store's
    /// <see cref="HistoryOptions.MaxPageSize"/>) with ids below <paramref name="beforeId"/>, or the newest of all.
    /// </summary>
    ValueTask<HistoryPage> ReadAsync(string room, long? beforeId, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The oldest <paramref name="limit"/> entries of <paramref name="room"/> (capped as <see cref="ReadAsync"/>) with ids
    /// above <paramref name="afterId"/>; <see cref="HistoryPage.HasMore"/> when newer ones remain.
    /// </summary>
    ValueTask<HistoryPage> ReadAfterAsync(string room, long afterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every room ever written to, with its last id and current topic, including rooms whose entries were all pruned.</summary>
    ValueTask<IReadOnlyList<RoomHistoryState>> LoadRoomsAsync(CancellationToken cancellationToken = default);

    /// <summary>One room's last id and topic, if it was ever written to: what a room that comes back restores.</summary>
    ValueTask<RoomHistoryState?> LoadRoomAsync(string room, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes entries older than <paramref name="olderThan"/> and all but the newest <paramref name="maxPerRoom"/> of
    /// each room; returns how many were deleted. Rooms keep their last id and topic. Entries go oldest id first: by age,
    /// a room loses its entries before the first one not older than the cutoff (ids and times rise together when the
    /// event stream stamps both).
    /// </summary>
    ValueTask<int> PruneAsync(int maxPerRoom, DateTimeOffset olderThan, CancellationToken cancellationToken = default);

    /// <summary>Completes if the store can take writes now, faults with why not: what <c>/readyz</c> asks.</summary>
    ValueTask CheckWritableAsync(CancellationToken cancellationToken = default);
}
