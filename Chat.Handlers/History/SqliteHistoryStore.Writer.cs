using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Chat.Handlers.History;

/// <summary>The single writer: every write (appends and prunes) runs on this loop, in queue order.</summary>
public sealed partial class SqliteHistoryStore
{
    // What the batch being written does to each room; applied to _lastIds once committed.
    private readonly Dictionary<string, RoomChange> _roomChanges = [];
    private SqliteCommand? _insert;
    private SqliteCommand? _insertWithPayload;
    private SqliteCommand? _saveRoom;

    private async Task WriteLoopAsync()
    {
        string[] row = ["$key", "$id", "$room", "$ts", "$kind", "$sender", "$text"];
        using var insert = _insert = Prepare(Sql.Insert, row);
        using var insertWithPayload = _insertWithPayload = Prepare(Sql.InsertWithPayload, [.. row, "$contentType", "$fileName", "$size", "$data"]);
        using var saveRoom = _saveRoom = Prepare(Sql.SaveRoom, "$key", "$room", "$id", "$topic", "$setTopic");
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var op))
            {
                if (op.Entry is null)
                {
                    CommitBatch();
                    if (op.IsProbe)
                    {
                        Probe(op);
                    }
                    else
                    {
                        Prune(op);
                    }

                    continue;
                }

                _batch.Add(op);
                if (_batch.Count == MaxBatch)
                {
                    CommitBatch();
                }
            }

            CommitBatch();
        }
    }

    private void CommitBatch()
    {
        if (_batch.Count == 0)
        {
            return;
        }

        Exception? failure = null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using (var transaction = _writer.BeginTransaction())
            {
                _insert!.Transaction = _insertWithPayload!.Transaction = _saveRoom!.Transaction = transaction;
                foreach (var op in _batch)
                {
                    Write(op);
                }

                foreach (var (key, change) in _roomChanges)
                {
                    SaveRoom(key, change);
                }

                transaction.Commit();
            }

            Interlocked.Increment(ref _commits);
            _metrics?.BatchWritten(_batch.Count, Stopwatch.GetElapsedTime(started));
            foreach (var (key, change) in _roomChanges)
            {
                _lastIds[key] = change.LastId;
            }
        }
        catch (Exception exception)
        {
            failure = exception;
            Interlocked.Add(ref _failedAppends, _batch.Count);
            Log.CommitFailed(_logger, _batch.Count, exception);
        }

        foreach (var op in _batch)
        {
            if ((failure ?? op.Refusal) is { } error)
            {
                op.TrySetException(error);
            }
            else
            {
                op.TrySetResult(0);
            }
        }

        _batch.Clear();
        _roomChanges.Clear();
    }

    private void Write(WriteOp op)
    {
        var entry = op.Entry!;
        var key = HistoryEntry.KeyOf(entry.Room);
        _roomChanges.TryGetValue(key, out var change);
        var lastId = change?.LastId ?? _lastIds.GetValueOrDefault(key);
        if (entry.Id <= lastId)
        {
            Log.Refused(_logger, entry.Id, entry.Room, lastId);
            op.Refusal = HistoryEntry.NotAfter(entry, lastId);
            return;
        }

        var insert = entry.Payload is null ? _insert! : _insertWithPayload!;
        var row = insert.Parameters;
        row[0].Value = key;
        row[1].Value = entry.Id;
        row[2].Value = entry.Room;
        row[3].Value = entry.Ts.ToUnixTimeMilliseconds();
        row[4].Value = (int)entry.Kind;
        row[5].Value = entry.From;
        row[6].Value = entry.Text;
        if (entry.Payload is { } payload)
        {
            row[7].Value = payload.ContentType;
            row[8].Value = (object?)payload.FileName ?? DBNull.Value;
            row[9].Value = payload.Size;
            row[10].Value = (object?)payload.Data ?? DBNull.Value;
        }

        insert.ExecuteNonQuery();
        if (change is null)
        {
            _roomChanges[key] = change = new RoomChange();
        }

        change.Room = entry.Room;
        change.LastId = entry.Id;
        if (entry.Kind == HistoryKind.Topic)
        {
            change.TopicSet = true;
            change.Topic = entry.NewTopic;
        }
    }

    private void SaveRoom(string key, RoomChange change)
    {
        var room = _saveRoom!.Parameters;
        room[0].Value = key;
        room[1].Value = change.Room;
        room[2].Value = change.LastId;
        room[3].Value = (object?)change.Topic ?? DBNull.Value;
        room[4].Value = change.TopicSet;
        _saveRoom.ExecuteNonQuery();
    }

    /// <summary>One transaction: by age, then by count, room by room (rooms keep their last id and topic).</summary>
    private void Prune(WriteOp op)
    {
        try
        {
            var deleted = 0;
            using (var transaction = _writer.BeginTransaction())
            {
                using var byAge = Command(Sql.PruneByAge, transaction);
                var ageKey = byAge.Parameters.Add("$key", SqliteType.Text);
                byAge.Parameters.AddWithValue("$olderThan", op.OlderThan.ToUnixTimeMilliseconds());
                using var byCount = Command(Sql.PruneByCount, transaction);
                var countKey = byCount.Parameters.Add("$key", SqliteType.Text);
                byCount.Parameters.AddWithValue("$max", op.MaxPerRoom);
                foreach (var key in _lastIds.Keys)
                {
                    ageKey.Value = countKey.Value = key;
                    deleted += byAge.ExecuteNonQuery() + byCount.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            Interlocked.Increment(ref _commits);
            op.TrySetResult(deleted);
        }
        catch (Exception exception)
        {
            op.TrySetException(exception);
        }
    }

    private void Probe(WriteOp op)
    {
        try
        {
            _writer.BeginTransaction().Dispose();
            op.TrySetResult(0);
        }
        catch (Exception exception)
        {
            op.TrySetException(exception);
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _writer.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = Command(sql);
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }

    private sealed class RoomChange
    {
        public string Room { get; set; } = "";

        public long LastId { get; set; }

        public bool TopicSet { get; set; }

        public string? Topic { get; set; }
    }
}
