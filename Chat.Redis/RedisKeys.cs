using StackExchange.Redis;

namespace Chat.Redis;

/// <summary>
/// Every key and channel the cluster uses (docs/SCALING.md lists them). Room and user names are kept by their
/// lower-case form, as the nodes compare them ignoring case (names are ASCII). The Lua scripts in
/// <see cref="RedisScripts"/> spell the prefix and the key shapes again: change both together.
/// </summary>
internal static class RedisKeys
{
    public const string Prefix = "chat:";

    /// <summary>The one pub/sub channel every event of the cluster travels on, in the order Redis ran the publishes.</summary>
    public static readonly RedisChannel Events = RedisChannel.Literal(Prefix + "events");

    /// <summary>A hash of room key to room name: the rooms with members somewhere.</summary>
    public static readonly RedisKey Rooms = Prefix + "rooms";

    /// <summary>A set of the nodes that have joined, live or not yet reaped.</summary>
    public static readonly RedisKey Nodes = Prefix + "nodes";

    /// <summary>The counter of direct-message ids.</summary>
    public static readonly RedisKey DirectIds = Prefix + "dm:id";

    /// <summary>A hash of room key to room name: every room history has kept an entry of, pruned or not.</summary>
    public static readonly RedisKey HistoryRooms = Prefix + "history-rooms";

    /// <summary>A hash of room key to the topic history last kept for it ('' once cleared); it outlives the room.</summary>
    public static readonly RedisKey HistoryTopics = Prefix + "history-topics";

    public static string Fold(string name) => name.ToLowerInvariant();

    /// <summary>A room's history: a stream whose entry ids are the room's message ids (<c>{id}-0</c>).</summary>
    public static RedisKey History(string roomKey) => Prefix + "history:" + roomKey;

    /// <summary>The counter of a room's ids.</summary>
    public static RedisKey RoomIds(string roomKey) => Prefix + "id:" + roomKey;

    public static RedisKey Topic(string roomKey) => Prefix + "topic:" + roomKey;

    /// <summary>A hash of user name to member (<c>node</c>, or <c>node:s</c> on TLS): a room's members on every node.</summary>
    public static RedisKey Who(string roomKey) => Prefix + "who:" + roomKey;

    /// <summary>A user's claim: <c>node name</c>.</summary>
    public static RedisKey Name(string nameKey) => Prefix + "name:" + nameKey;

    /// <summary>A node's lease: present while the node renews it.</summary>
    public static RedisKey Lease(string node) => Prefix + "node:" + node;

    /// <summary>A set of the room keys where a node has (or had) members, so its presence can be found when it dies.</summary>
    public static RedisKey NodeRooms(string node) => Prefix + "node:" + node + ":rooms";

    /// <summary>A set of the name keys a node has claimed.</summary>
    public static RedisKey NodeNames(string node) => Prefix + "node:" + node + ":names";

    /// <summary>What a room's member entry holds: the node, and whether the user is on TLS.</summary>
    public static string Member(string node, bool secure) => secure ? node + ":s" : node;
}
