using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers.Events;

/// <summary>
/// An event on its way through the <see cref="IEventStream"/>: what happened, and who hears of it by name, so that
/// a stream may carry it beyond this process. Each recipient gets it once, however many of its rooms they share.
/// </summary>
public sealed record ChatEvent(ServerEvent Event)
{
    /// <summary>Rooms whose members hear it.</summary>
    public IReadOnlyList<string> Rooms { get; init; } = [];

    /// <summary>Users who hear it besides the rooms' members.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary>
    /// The user whose session it ends (its quit, or a server operator's kill): a stream that keeps names and presence
    /// beyond this node frees the name and drops the user from <see cref="Rooms"/> and <see cref="QuietRooms"/>.
    /// </summary>
    public string? Departed { get; init; }

    /// <summary>
    /// Rooms a quit leaves without telling their members, being too big to announce departures
    /// (<see cref="ChatLimits.AnnounceJoinsUpTo"/>): nobody there hears it, but a stream that keeps presence beyond
    /// this node drops the quitter from them as from <see cref="Rooms"/>.
    /// </summary>
    public IReadOnlyList<string> QuietRooms { get; init; } = [];

    /// <summary>
    /// The session that caused it, when it is on this node: it gets its own room message back only if its format
    /// echoes, and hears why when the event is refused.
    /// </summary>
    public ChatSession? Origin { get; init; }

    /// <summary>
    /// The ticket of a message of its <see cref="Origin"/>'s own, published without waiting for its delivery, or 0:
    /// replies the origin was sent after it wait until the stream is done with it (<see cref="ChatSession.MessageDone"/>).
    /// </summary>
    public long Ticket { get; init; }

    /// <summary>
    /// The event repeats a line its <see cref="Origin"/> typed (a message, a direct message, an action): the origin gets it
    /// back only where its format echoes that kind (<see cref="Fronts.WireFormat.EchoesOwn"/>). Events a command makes
    /// on a user's behalf (a dice roll) are not echoes: the user has not seen them yet.
    /// </summary>
    public bool IsEcho { get; init; }

    /// <summary>A direct message between two accounts, which history keeps for both.</summary>
    public DirectConversation? Conversation { get; init; }

    /// <summary>
    /// The room whose order an id comes from: a conversation between accounts counts as one (<see cref="DirectConversation.Key"/>);
    /// null for other events outside any room (direct messages with a guest).
    /// </summary>
    public string? SequenceRoom => Event switch
    {
        MessageEvent { To: null } message => message.Room,
        MessageEvent => Conversation?.Key,
        ActionEvent action => action.Room,
        TopicEvent topic => topic.Room,
        _ => null,
    };

    /// <summary>
    /// Whether its publisher may be held back while recipients' queues are congested (<see cref="FlowControl"/>):
    /// what a client does at will. Quits and the server's own events never wait.
    /// </summary>
    public bool HoldsPublisher => Origin is not null && Event is not QuitEvent;

    /// <summary>Whether the stream gives this event an id: messages, actions and topic changes, the events history keeps.</summary>
    public bool IsSequenced => Event is MessageEvent or ActionEvent or TopicEvent { By: not null };

    /// <summary>The event with its place in the stream: the id and time a stream gives a sequenced event.</summary>
    public ChatEvent Stamped(long id, DateTimeOffset ts) => this with
    {
        Event = Event switch
        {
            MessageEvent message => message with { Id = id, Ts = ts },
            ActionEvent action => action with { Id = id, Ts = ts },
            TopicEvent topic => topic with { Id = id, Ts = ts },
            var other => other,
        },
    };

    public static ChatEvent ToRoom(ServerEvent serverEvent, string room, ChatSession? origin = null) =>
        new(serverEvent) { Rooms = [room], Origin = origin };
}
