using Chat.Handlers.Commands;
using Chat.Handlers.Events;
using Chat.Handlers.Rooms;
using Chat.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.History;

/// <summary>
/// The history people are shown: a room's last entries when they join it, older pages when they ask, and the topic
/// of a room that comes back. Without a store (<c>Chat:History:Enabled=false</c>) it shows nothing. A read that fails
/// is logged and counted; a join goes on without its scrollback, a request gets <c>history_unavailable</c>.
/// </summary>
public sealed partial class ChatHistory(
    IOptions<HistoryOptions> options,
    IOptions<ChatOptions> chatOptions,
    ILogger<ChatHistory> logger,
    IHistoryStore? store = null,
    HistoryMetrics? metrics = null)
{
    /// <summary>Entries a request without a limit gets (at most <see cref="HistoryOptions.MaxPageSize"/>).</summary>
    public const int DefaultPageSize = 20;

    private readonly HistoryOptions _options = options.Value;

    public bool IsEnabled => store is not null;

    /// <summary>
    /// What joining <paramref name="room"/> shows: its last <see cref="HistoryOptions.OnJoin"/> entries, null when there
    /// are none. A room the join has just <paramref name="created"/> gets back the topic its history kept.
    /// </summary>
    public async ValueTask<HistoryEvent?> OnJoinAsync(Room room, bool created)
    {
        if (store is null)
        {
            return null;
        }

        try
        {
            if (created && await store.LoadRoomAsync(room.Name) is { Topic: { } topic })
            {
                room.RestoreTopic(topic);
            }

            if (_options.OnJoin == 0)
            {
                return null;
            }

            var page = await store.ReadAsync(room.Name, null, _options.OnJoin);
            return page.Entries.Count == 0 ? null : ToEvent(room.Name, page);
        }
        catch (Exception exception)
        {
            ReadFailed(room.Name, exception);
            return null;
        }
    }

    /// <summary>
    /// The newest <paramref name="limit"/> entries of <paramref name="room"/> (default <see cref="DefaultPageSize"/>,
    /// capped at <see cref="HistoryOptions.MaxPageSize"/>) before the id <paramref name="before"/>; or why not.
    /// </summary>
    public ValueTask<ServerEvent> PageAsync(Room room, long? before, int? limit) =>
        PageAsync(room.Name, page => ToEvent(room.Name, page), room.Name, before, limit);

    /// <summary>A page of a conversation between accounts, as <see cref="PageAsync(Room, long?, int?)"/> pages a room; <paramref name="with"/> names the other account.</summary>
    public ValueTask<ServerEvent> ConversationPageAsync(DirectConversation conversation, string with, long? before, int? limit) =>
        PageAsync(conversation.Key, page => ToEvent(null, page) with { With = with }, with, before, limit);

    /// <summary>Entries one request may get at most.</summary>
    public int MaxPageSize => _options.MaxPageSize;

    /// <summary>
    /// Entries of a room, or of a conversation (<see cref="DirectConversation.Key"/>), oldest first, for a front that
    /// pages both ways (IRC's CHATHISTORY): the newest <paramref name="limit"/> below <paramref name="before"/> (or of
    /// all), or the oldest above <paramref name="after"/>. Null when there is no store or the read failed (logged).
    /// </summary>
    public async ValueTask<IReadOnlyList<HistoryEntry>?> ReadAsync(string key, long? before, long? after, int limit)
    {
        if (store is null)
        {
            return null;
        }

        try
        {
            limit = Math.Clamp(limit, 1, _options.MaxPageSize);
            var page = after is { } newerThan ? await store.ReadAfterAsync(key, newerThan, limit) : await store.ReadAsync(key, before, limit);
            return page.Entries;
        }
        catch (Exception exception)
        {
            ReadFailed(key, exception);
            return null;
        }
    }

    private async ValueTask<ServerEvent> PageAsync(string key, Func<HistoryPage, HistoryEvent> toEvent, string subject, long? before, int? limit)
    {
        if (store is null)
        {
            return new ChatError(ErrorCodes.HistoryDisabled);
        }

        if (before < 1 || limit < 1)
        {
            return new ChatError(ErrorCodes.BadArguments, BuiltInCommands.Usage("history"));
        }

        try
        {
            return toEvent(await store.ReadAsync(key, before, Math.Min(limit ?? DefaultPageSize, _options.MaxPageSize)));
        }
        catch (Exception exception)
        {
            ReadFailed(key, exception);
            return new ChatError(ErrorCodes.HistoryUnavailable, subject);
        }
    }

    /// <summary>
    /// The page as one event, which JSON sends as one line: kept within the longest line the server sends otherwise
    /// (<see cref="ChatOptions.MaxJsonLineBytes"/>) by leaving out the oldest entries, which then count as more.
    /// </summary>
    private HistoryEvent ToEvent(string? room, HistoryPage page)
    {
        var entries = page.Entries;
        var budget = chatOptions.Value.MaxJsonLineBytes;
        var first = entries.Count;
        long bytes = 0;
        while (first > 0)
        {
            bytes += MostBytes(entries[first - 1]);
            if (bytes > budget && first < entries.Count)
            {
                break;
            }

            first--;
        }

        var events = new ServerEvent[entries.Count - first];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = entries[first + i].ToEvent();
        }

        return new HistoryEvent(room, events, page.HasMore || first > 0);
    }

    /// <summary>
    /// At least the bytes of the entry's JSON: a character is at most three UTF-8 bytes, or two when escaped (the
    /// sanitizer leaves no control character that would take six), base64 data is itself, and 200 cover the rest.
    /// </summary>
    private static long MostBytes(HistoryEntry entry) =>
        200 + (entry.Payload?.Data?.Length ?? 0) + 3L * (entry.Room.Length + entry.From.Length + entry.Text.Length
            + (entry.Payload?.ContentType.Length ?? 0) + (entry.Payload?.FileName?.Length ?? 0));

    private void ReadFailed(string room, Exception exception)
    {
        metrics?.ReadFailed();
        Log.ReadFailed(logger, room, exception);
    }

    private static partial class Log
    {
        [LoggerMessage(813, LogLevel.Error, "Reading the history of #{Room} failed")]
        public static partial void ReadFailed(ILogger logger, string room, Exception exception);
    }
}
