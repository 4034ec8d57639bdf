using Chat.Handlers.Events;
using Chat.Protocol;
using Microsoft.Extensions.Logging;

namespace Chat.Handlers.History;

/// <summary>
/// Feeds the ordered event stream into the <see cref="IHistoryStore"/>: room messages, actions and topic changes
/// (<see cref="HistoryEntry.Of"/>). The stream delivers an event only once its append has committed, so a JSON
/// sender's echo is its acknowledgement that the message is stored. An append that fails refuses the event: it is
/// logged, counted, and its sender gets <c>history_write_failed</c>; nobody else receives it.
/// </summary>
public sealed partial class HistoryObserver(IHistoryStore store, HistoryMetrics metrics, ILogger<HistoryObserver> logger) : IEventObserver
{
    public ValueTask OnEventAsync(ChatEvent chatEvent)
    {
        if (HistoryEntry.Of(chatEvent) is not { } entry)
        {
            return ValueTask.CompletedTask;
        }

        ValueTask append;
        try
        {
            append = store.AppendAsync(entry);
        }
        catch (Exception exception)
        {
            return ValueTask.FromException(Refuse(entry, exception));
        }

        return AwaitAsync(append, entry);
    }

    private async ValueTask AwaitAsync(ValueTask append, HistoryEntry entry)
    {
        try
        {
            await append.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            throw Refuse(entry, exception);
        }

        metrics.Appended();
    }

    private EventRefusedException Refuse(HistoryEntry entry, Exception exception)
    {
        metrics.AppendFailed();
        Log.AppendFailed(logger, entry.Kind, entry.Id, entry.Room, entry.From, exception.Message);
        return new EventRefusedException(new ChatError(ErrorCodes.HistoryWriteFailed, entry.Room), exception);
    }

    private static partial class Log
    {
        // The store logs the failed commit with its exception; this says what it cost, once per event.
        [LoggerMessage(812, LogLevel.Warning, "History write failed: {Kind} {Id} in #{Room} from {From} refused to its sender ({Reason})")]
        public static partial void AppendFailed(ILogger logger, HistoryKind kind, long id, string room, string from, string reason);
    }
}
