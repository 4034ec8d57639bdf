using Microsoft.Data.Sqlite;

namespace Chat.Handlers.History;

/// <summary>The single writer: every write (appends and prunes) runs on this loop, in queue order.</summary>
public sealed partial class SqliteHistoryStore
{
    private SqliteCommand? _upsertRoom;
    private SqliteCommand? _insert;

    private async Task WriteLoopAsync()
    {
        using var upsertRoom = _upsertRoom = Prepare(Sql.UpsertRoom, "$key", "$room", "$id", "$topic", "$setTopic");
        using var insert = _insert = Prepare(
            Sql.Insert, "$key", "$id", "$room", "$ts", "$kind", "$sender", "$text", "$contentType", "$fileName", "$size", "$data");
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var op))
            {
                if (op.Entry is null)
                {
                    CommitBatch();
                    Prune(op);
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

        try
        {
            using (var transaction = _writer.BeginTransaction())
            {
                _upsertRoom!.Transaction = transaction;
                _insert!.Transaction = transaction;
                foreach (var op in _batch)
                {
                    Write(op, transaction);
                }

                transaction.Commit();
            }

            Interlocked.Increment(ref _commits);
        }
        catch (Exception exception)
        {
            Interlocked.Add(ref _failedAppends, _batch.Count);
            Log.CommitFailed(_logger, _batch.Count, exception);
            foreach (var op in _batch)
            {
                op.TrySetException(exception);
            }

            _batch.Clear();
            return;
        }

        foreach (var op in _batch)
        {
            if (op.Refusal is { } refusal)
            {
                op.TrySetException(refusal);
            }
            else
            {
                op.TrySetResult(0);
            }
        }

        _batch.Clear();
    }

    private void Write(WriteOp op, SqliteTransaction transaction)
    {
        var entry = op.Entry!;
        var key = HistoryEntry.KeyOf(entry.Room);
        var room = _upsertRoom!.Parameters;
        room[0].Value = key;
        room[1].Value = entry.Room;
        room[2].Value = entry.Id;
        room[3].Value = (object?)(entry.Kind == HistoryKind.Topic ? entry.NewTopic : null) ?? DBNull.Value;
        room[4].Value = entry.Kind == HistoryKind.Topic;
        if (_upsertRoom.ExecuteNonQuery() == 0)
        {
            var lastId = LastId(key, transaction);
            Log.Refused(_logger, entry.Id, entry.Room, lastId);
            op.Refusal = HistoryEntry.NotAfter(entry, lastId);
            return;
        }

        var row = _insert!.Parameters;
        row[0].Value = key;
        row[1].Value = entry.Id;
        row[2].Value = entry.Room;
        row[3].Value = entry.Ts.ToUnixTimeMilliseconds();
        row[4].Value = (int)entry.Kind;
        row[5].Value = entry.From;
        row[6].Value = entry.Text;
        row[7].Value = (object?)entry.Payload?.ContentType ?? DBNull.Value;
        row[8].Value = (object?)entry.Payload?.FileName ?? DBNull.Value;
        row[9].Value = (object?)entry.Payload?.Size ?? DBNull.Value;
        row[10].Value = (object?)entry.Payload?.Data ?? DBNull.Value;
        _insert.ExecuteNonQuery();
    }

    private long LastId(string key, SqliteTransaction transaction)
    {
        using var command = Command(Sql.LastId, transaction);
        command.Parameters.AddWithValue("$key", key);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>One transaction: age through the ts index, then count room by room.</summary>
    private void Prune(WriteOp op)
    {
        try
        {
            int deleted;
            using (var transaction = _writer.BeginTransaction())
            {
                using var byAge = Command(Sql.PruneByAge, transaction);
                byAge.Parameters.AddWithValue("$olderThan", op.OlderThan.ToUnixTimeMilliseconds());
                deleted = byAge.ExecuteNonQuery();

                using var byCount = Command(Sql.PruneByCount, transaction);
                var key = byCount.Parameters.Add("$key", SqliteType.Text);
                byCount.Parameters.AddWithValue("$max", op.MaxPerRoom);
                foreach (var room in RoomKeys(transaction))
                {
                    key.Value = room;
                    deleted += byCount.ExecuteNonQuery();
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

    private List<string> RoomKeys(SqliteTransaction transaction)
    {
        using var command = Command(Sql.RoomKeys, transaction);
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
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
}
