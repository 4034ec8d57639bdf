using Microsoft.Extensions.Logging;

namespace Chat.Handlers.History;

public sealed partial class SqliteHistoryStore
{
    private static partial class Log
    {
        [LoggerMessage(800, LogLevel.Information, "History database {Path} opened")]
        public static partial void Opened(ILogger logger, string path);

        [LoggerMessage(801, LogLevel.Error, "Committing {Count} history entries failed; their appends are faulted")]
        public static partial void CommitFailed(ILogger logger, int count, Exception exception);

        [LoggerMessage(802, LogLevel.Error, "History entry {Id} of room {Room} refused: not after the room's last id {LastId}")]
        public static partial void Refused(ILogger logger, long id, string room, long lastId);
    }
}
