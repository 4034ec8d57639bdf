namespace Chat.Handlers.History;

public sealed partial class SqliteHistoryStore
{
    private static class Sql
    {
        /// <summary><c>PRAGMA user_version</c> of this schema; a newer file is refused rather than misread.</summary>
        public const int SchemaVersion = 1;

        // rooms keeps each room's last id and topic apart from its entries, so pruning never loses them.
        // Entries have rowids (a payload row can be large) and a unique (room_key, id) index for paging and pruning.
        public const string CreateSchema = """
            CREATE TABLE IF NOT EXISTS rooms (
                room_key TEXT PRIMARY KEY,
                room TEXT NOT NULL,
                last_id INTEGER NOT NULL,
                topic TEXT
            ) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS messages (
                room_key TEXT NOT NULL,
                id INTEGER NOT NULL,
                room TEXT NOT NULL,
                ts INTEGER NOT NULL,
                kind INTEGER NOT NULL,
                sender TEXT NOT NULL,
                text TEXT NOT NULL,
                content_type TEXT,
                file_name TEXT,
                size INTEGER,
                data TEXT
            );
            CREATE UNIQUE INDEX IF NOT EXISTS messages_room_id ON messages (room_key, id);
            """;

        public const string LoadLastIds = "SELECT room_key, last_id FROM rooms";

        public const string SaveRoom = """
            INSERT INTO rooms (room_key, room, last_id, topic) VALUES ($key, $room, $id, $topic)
            ON CONFLICT (room_key) DO UPDATE SET
                room = excluded.room,
                last_id = excluded.last_id,
                topic = CASE WHEN $setTopic THEN excluded.topic ELSE rooms.topic END
            """;

        // Most entries have no payload: binding four nulls per row would cost a fifth of an insert.
        public const string Insert = """
            INSERT INTO messages (room_key, id, room, ts, kind, sender, text)
            VALUES ($key, $id, $room, $ts, $kind, $sender, $text)
            """;

        public const string InsertWithPayload = """
            INSERT INTO messages (room_key, id, room, ts, kind, sender, text, content_type, file_name, size, data)
            VALUES ($key, $id, $room, $ts, $kind, $sender, $text, $contentType, $fileName, $size, $data)
            """;

        public const string ReadPage = """
            SELECT room, id, ts, kind, sender, text, content_type, file_name, size, data FROM messages
            WHERE room_key = $key AND id < $before ORDER BY id DESC LIMIT $limit
            """;

        public const string ReadPageAfter = """
            SELECT room, id, ts, kind, sender, text, content_type, file_name, size, data FROM messages
            WHERE room_key = $key AND id > $after ORDER BY id LIMIT $limit
            """;

        public const string LoadRooms = "SELECT room, last_id, topic FROM rooms ORDER BY room_key";

        public const string LoadRoom = "SELECT room, last_id, topic FROM rooms WHERE room_key = $key";

        // A room's entries before its first one not older than the cutoff: ids and times rise together, so this
        // walks only what it deletes (no index on ts to keep up on every insert).
        public const string PruneByAge = """
            DELETE FROM messages WHERE room_key = $key AND id < coalesce(
                (SELECT id FROM messages WHERE room_key = $key AND ts >= $olderThan ORDER BY id LIMIT 1),
                9223372036854775807)
            """;

        // Everything up to the room's (max + 1)-th newest id; nothing when the room has no more than max.
        public const string PruneByCount = """
            DELETE FROM messages WHERE room_key = $key AND id <= (
                SELECT id FROM messages WHERE room_key = $key ORDER BY id DESC LIMIT 1 OFFSET $max)
            """;

        public const string RoomKeys = "SELECT room_key FROM rooms";
    }
}
