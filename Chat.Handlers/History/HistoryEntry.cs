using Chat.Handlers.Events;
using Chat.Protocol;

namespace Chat.Handlers.History;

public enum HistoryKind
{
    Message,
    Action,
    Topic,

    /// <summary>A direct message between accounts; the entry's room is its <see cref="DirectConversation.Key"/>.</summary>
    Direct,
}

/// <summary>
/// One stored room event. <paramref name="Id"/> is the room's message id, assigned by the event stream and strictly
/// increasing per room. For <see cref="HistoryKind.Topic"/>, <paramref name="Text"/> is the new topic (empty: cleared).
/// </summary>
public sealed record HistoryEntry(
    string Room,
    long Id,
    DateTimeOffset Ts,
    HistoryKind Kind,
    string From,
    string Text,
    HistoryPayload? Payload = null)
{
    /// <summary>
    /// What history keeps of an event the stream has stamped: room messages, actions, topic changes, and direct
    /// messages between two accounts (under the sender's account). Null for the rest: direct messages with a guest (a
    /// name can be taken by someone else once its owner leaves), joins, leaves and the like.
    /// </summary>
    public static HistoryEntry? Of(ChatEvent chatEvent) => chatEvent.Event switch
    {
        MessageEvent { To: null, Room: { } room } e => new(room, e.Id, e.Ts, HistoryKind.Message, e.From, e.Text, PayloadOf(e)),
        MessageEvent e when chatEvent.Conversation is { } conversation =>
            new(conversation.Key, e.Id, e.Ts, HistoryKind.Direct, conversation.From, e.Text, PayloadOf(e)),
        ActionEvent e => new(e.Room, e.Id, e.Ts, HistoryKind.Action, e.From, e.Text),
        TopicEvent { By: { } by, Id: { } id, Ts: { } ts } e => new(e.Room, id, ts, HistoryKind.Topic, by, e.Topic ?? ""),
        _ => null,
    };

    /// <summary>
    /// The event as it was sent live (a direct message between the accounts, whatever names they had); a payload too
    /// large to keep comes with its metadata and no data.
    /// </summary>
    public ServerEvent ToEvent() => Kind switch
    {
        HistoryKind.Message => WithPayload(new MessageEvent(Id, Ts, From, Text, Room)),
        HistoryKind.Direct => WithPayload(new MessageEvent(Id, Ts, From, Text, To: DirectConversation.Other(Room, From))),
        HistoryKind.Action => new ActionEvent(Id, Ts, Room, From, Text),
        _ => new TopicEvent(Room, NewTopic, From) { Id = Id, Ts = Ts },
    };

    private static HistoryPayload? PayloadOf(MessageEvent e) =>
        e.ContentType is null ? null : new HistoryPayload(e.ContentType, e.Name, e.Size ?? 0, e.Data);

    private MessageEvent WithPayload(MessageEvent message) => message with
    {
        ContentType = Payload?.ContentType, Name = Payload?.FileName, Size = Payload?.Size, Data = Payload?.Data,
    };

    /// <summary>Rooms compare ignoring case; each entry keeps the spelling it was given.</summary>
    internal static string KeyOf(string room) => room.ToLowerInvariant();

    /// <summary>The topic this entry leaves its room with, if it is a topic change.</summary>
    internal string? NewTopic => Text.Length == 0 ? null : Text;

    /// <summary>Throws for an entry no store may keep: no room, an id below 1, no sender or text, an unknown kind.</summary>
    public static void Validate(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.Room, nameof(entry.Room));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(entry.Id, nameof(entry.Id));
        ArgumentNullException.ThrowIfNull(entry.From, nameof(entry.From));
        ArgumentNullException.ThrowIfNull(entry.Text, nameof(entry.Text));
        if (!Enum.IsDefined(entry.Kind))
        {
            throw new ArgumentOutOfRangeException(nameof(entry.Kind), entry.Kind, "Unknown history kind.");
        }
    }

    /// <summary>Drops the payload's bytes when they are over <paramref name="maxPayloadBytes"/>; its metadata stays.</summary>
    public HistoryEntry WithPayloadWithin(int maxPayloadBytes) =>
        Payload is { Data: not null } payload && payload.Size > maxPayloadBytes ? this with { Payload = payload with { Data = null } } : this;

    internal static InvalidOperationException NotAfter(HistoryEntry entry, long lastId) =>
        new($"History id {entry.Id} in room '{entry.Room}' is not after the room's last id {lastId}; ids are never reused.");
}

/// <summary>A typed payload's metadata; <paramref name="Data"/> (base64) only when it was small enough to keep.</summary>
public sealed record HistoryPayload(string ContentType, string? FileName, long Size, string? Data);

/// <summary>A page of a room's history, oldest first; <paramref name="HasMore"/> when older entries remain.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Entries, bool HasMore)
{
    public static readonly HistoryPage Empty = new([], false);
}

/// <summary>What a restart needs of a room: its last id (ids continue after it) and its current topic.</summary>
public sealed record RoomHistoryState(string Room, long LastId, string? Topic);
