using System.Collections.Concurrent;
using Chat.Handlers;
using Chat.Handlers.Events;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Chat.Protocol;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Chat.Redis;

/// <summary>
/// The event stream of a cluster. A publisher runs one Lua script per event (<see cref="RedisScripts"/>): it takes the
/// room's next id (INCR), keeps what history keeps in the room's stream under that id (XADD, when the cluster keeps
/// history: <see cref="RedisHistoryStore"/>) and publishes the event on the one channel every node subscribes to, in
/// one atomic step. Redis runs scripts one at a time and writes a channel's messages to each subscriber in that order,
/// and each node reads its subscription in order and delivers one frame at a time, so every node sees every event in
/// Redis's order, and every receiver of a room sees strictly increasing ids. The publisher's own event comes back the
/// same way and is delivered here at its place; <see cref="PublishAsync"/> completes then.
/// </summary>
/// <remarks>
/// <para>A quit or a nick change releases the old name's claim in the same script as its notice: whoever has seen the
/// notice, on any node, can take the name (the core's own release afterwards finds nothing left to do).</para>
/// <para>Observers see every event of the cluster on every node, in that order, before this node delivers it: each
/// node's observers see the same sequence (history, metrics).</para>
/// <para>While Redis is unreachable, an event is delivered to this node's recipients alone, with the next id this node
/// would expect; the others never see it (docs/SCALING.md: faults).</para>
/// </remarks>
public sealed partial class RedisEventStream : IEventStream, ISequenceSeed, IDisposable
{
    /// <summary>How long a publisher waits for its event to come back from Redis before delivering it here alone.</summary>
    private static readonly TimeSpan EchoTimeout = TimeSpan.FromSeconds(5);

    private static readonly RedisValue Channel = RedisKeys.Events.ToString();

    private readonly RedisConnection _redis;
    private readonly LocalDelivery _delivery;
    private readonly RoomRegistry _rooms;
    private readonly RedisHistoryStore? _history;
    private readonly IEventObserver[] _observers;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisEventStream> _logger;
    private readonly ConcurrentDictionary<long, Pending> _pending = new();
    // The last id delivered here per counter: a floor for the next ids, should Redis lose its counters.
    private readonly ConcurrentDictionary<string, long> _lastIds = new();
    // One delivery at a time: the subscription's frames in order, and events delivered here alone between them.
    private readonly SemaphoreSlim _deliveryGate = new(1, 1);
    // Behind the delivery gate: the writers one delivery touched, woken once it is done.
    private readonly List<ChatSession> _toWake = [];
    private ChannelMessageQueue? _subscription;
    private long _lastSeq;

    public RedisEventStream(
        RedisConnection redis, LocalDelivery delivery, RoomRegistry rooms, IEnumerable<IEventObserver> observers, TimeProvider time,
        ILogger<RedisEventStream> logger, RedisHistoryStore? history = null)
    {
        _redis = redis;
        _delivery = delivery;
        _rooms = rooms;
        _history = history;
        _observers = [.. observers];
        _time = time;
        _logger = logger;
    }

    /// <summary>The last id delivered here per id counter key.</summary>
    internal IEnumerable<KeyValuePair<string, long>> DeliveredIds => _lastIds;

    /// <summary>Subscribes to the event channel once; the multiplexer keeps the subscription through reconnects.</summary>
    internal async Task SubscribeAsync()
    {
        if (_subscription is null)
        {
            var subscription = await _redis.Multiplexer.GetSubscriber().SubscribeAsync(RedisKeys.Events);
            subscription.OnMessage(message => ReceiveAsync(message.Message));
            _subscription = subscription;
        }
    }

    public async ValueTask PublishAsync(ChatEvent chatEvent, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(chatEvent, Interlocked.Increment(ref _lastSeq));
        _pending[pending.Seq] = pending;
        try
        {
            pending.Id = await SendAsync(pending);
        }
        catch (RedisServerException ex)
        {
            // Redis answered, with an error: a fault of ours, not an outage.
            Log.ScriptFailed(_logger, chatEvent.Event.GetType().Name, ex);
            await DeliverHereAsync(pending);
        }
        catch (RedisException ex)
        {
            Log.DeliveredLocally(_logger, chatEvent.Event.GetType().Name, ex.Message);
            await DeliverHereAsync(pending);
        }
        catch (Exception ex) when (ex is TimeoutException or NotSupportedException)
        {
            // RedisTimeoutException is a TimeoutException; NotSupported: an event type that cannot travel.
            Log.DeliveredLocally(_logger, chatEvent.Event.GetType().Name, ex.Message);
            await DeliverHereAsync(pending);
        }

        try
        {
            await pending.Delivered.Task.WaitAsync(EchoTimeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Sent, but the subscription is down: the event reaches this node's recipients with the id Redis gave it.
            Log.EchoLost(_logger, chatEvent.Event.GetType().Name, pending.Id);
            await DeliverHereAsync(pending);
            await pending.Delivered.Task;
        }

        // Flow control holds a publisher of this node only: one on another node is held by its own node's readers.
        await FlowControl.AfterDeliveryAsync(chatEvent, pending.Congested, _time);
    }

    /// <summary>
    /// History's last stored id of a room: Redis keeps the counters, but one that lost them (restarted without its
    /// data) is raised past this, so ids never go back for a room history has kept.
    /// </summary>
    public void ContinueAfter(string room, long lastId) =>
        _lastIds.AddOrUpdate(RoomCounter(room), lastId, (_, last) => Math.Max(last, lastId));

    public void Dispose() => _deliveryGate.Dispose();

    private Task<long> SendAsync(Pending pending)
    {
        var chatEvent = pending.Event;
        var envelope = EventFrame.Serialize(new EventEnvelope(_redis.NodeId, pending.Seq, chatEvent.Rooms, chatEvent.Users, chatEvent.Event, chatEvent.Conversation));
        if (chatEvent.IsSequenced)
        {
            return PublishSequencedAsync(chatEvent, envelope);
        }

        if (chatEvent.Departed is { } departed)
        {
            var quitter = RedisKeys.Fold(departed);
            return Evaluate("quit", RedisScripts.Leave, [RedisKeys.Name(quitter), RedisKeys.NodeNames(_redis.NodeId)],
                [Channel, departed, envelope, _redis.NodeId, quitter, .. RoomsLeft([.. chatEvent.Rooms, .. chatEvent.QuietRooms])]);
        }

        switch (chatEvent.Event)
        {
            case JoinEvent join:
                var room = RedisKeys.Fold(join.Room);
                var member = RedisKeys.Member(_redis.NodeId, chatEvent.Origin?.IsSecure == true);
                return Evaluate("join", RedisScripts.Join, [RedisKeys.Who(room), RedisKeys.Rooms, RedisKeys.NodeRooms(_redis.NodeId), RedisKeys.Topic(room)],
                    [Channel, join.Name, member, room, join.Room, envelope]);
            case LeaveEvent leave:
                return Evaluate("leave", RedisScripts.Leave, [], [Channel, leave.Name, envelope, _redis.NodeId, "", .. RoomsLeft([leave.Room])]);
            case NickEvent nick:
                var old = RedisKeys.Fold(nick.OldName);
                RedisKey[] released = old == RedisKeys.Fold(nick.NewName) ? [] : [RedisKeys.Name(old), RedisKeys.NodeNames(_redis.NodeId)];
                return Evaluate("nick", RedisScripts.Rename, released,
                    [Channel, nick.OldName, nick.NewName, envelope, _redis.NodeId, old, .. chatEvent.Rooms.Select(r => (RedisValue)RedisKeys.Fold(r))]);
            default:
                return PublishPlainAsync(envelope);
        }
    }

    /// <summary>A message, action, topic change or direct message: its id, its topic, its history entry and its publish in one script.</summary>
    private Task<long> PublishSequencedAsync(ChatEvent chatEvent, byte[] envelope)
    {
        var counter = CounterOf(chatEvent);
        var topic = chatEvent.Event as TopicEvent;
        RedisKey[] keys = [counter];
        RedisValue[] values = [Channel, _lastIds.GetValueOrDefault(counter), envelope, topic is null ? "0" : "1", topic?.Topic ?? ""];
        if (_history?.WriteOf(chatEvent) is { } write)
        {
            keys = [.. keys, .. write.Keys];
            values = [.. values, .. write.Values];
        }

        if (topic is not null)
        {
            keys = [.. keys, RedisKeys.Topic(RedisKeys.Fold(topic.Room))];
        }

        return Evaluate("publish", RedisScripts.PublishSequenced, keys, values);
    }

    private async Task<long> Evaluate(string operation, string script, RedisKey[] keys, RedisValue[] values) =>
        (long)await _redis.EvaluateAsync(operation, script, keys, values);

    private async Task<long> PublishPlainAsync(byte[] envelope)
    {
        await _redis.RunAsync("event", database => database.PublishAsync(RedisKeys.Events, (byte[])[.. "0\n0\n"u8, .. envelope]));
        return 0;
    }

    /// <summary>Room key and whether it is permanent (it keeps its topic when empty), per room left.</summary>
    private IEnumerable<RedisValue> RoomsLeft(IEnumerable<string> names) => names.SelectMany(name => new RedisValue[]
    {
        RedisKeys.Fold(name), _rooms.TryGet(name, out var room) && room.IsPermanent ? "1" : "0",
    });

    private static string CounterOf(ChatEvent chatEvent) =>
        chatEvent.SequenceRoom is { } room ? RoomCounter(room) : RedisKeys.DirectIds.ToString();

    private static string RoomCounter(string room) => RedisKeys.RoomIds(RedisKeys.Fold(room)).ToString();

    /// <summary>One frame from the channel, in Redis's order: the subscription hands over the next once this completes.</summary>
    private Task ReceiveAsync(RedisValue message)
    {
        if (!EventFrame.TryParse(((ReadOnlyMemory<byte>)message).Span, out var frame))
        {
            Log.MalformedFrame(_logger, message.Length());
            return Task.CompletedTask;
        }

        var envelope = frame.Envelope;
        if (envelope.Node != _redis.NodeId)
        {
            return DeliverAsync(new Inbound(
                new ChatEvent(envelope.Event) { Rooms = envelope.Rooms, Users = envelope.Users, Conversation = envelope.Conversation }, frame.Id, frame.Ts, frame.Topic, null));
        }

        // Ours: unless it was delivered here already, when Redis did not answer in time (never twice).
        return _pending.TryRemove(envelope.Seq, out var own)
            ? DeliverAsync(new Inbound(own.Event, frame.Id, frame.Ts, frame.Topic, own))
            : Task.CompletedTask;
    }

    /// <summary>
    /// Delivers an event of this node's without Redis, unless its echo has claimed it meanwhile. A sender's messages
    /// overlap (read passes): one delivered here alone first waits for those its sender published before it, each of
    /// which comes back or is delivered here within <see cref="EchoTimeout"/>, so the sender's order holds on this node.
    /// </summary>
    private async Task DeliverHereAsync(Pending pending)
    {
        if (pending.Event.Origin is { } origin)
        {
            foreach (var earlier in _pending.Values.Where(p => p.Seq < pending.Seq && p.Event.Origin == origin))
            {
                await earlier.Delivered.Task.WaitAsync(EchoTimeout, _time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        if (_pending.TryRemove(pending.Seq, out _))
        {
            await DeliverAsync(new Inbound(pending.Event, pending.Id, null, null, pending));
        }
    }

    private async Task DeliverAsync(Inbound inbound)
    {
        var chatEvent = inbound.Event;
        try
        {
            await _deliveryGate.WaitAsync();
        }
        catch (ObjectDisposedException)
        {
            // The node is stopping: nothing is delivered any more, and nobody waits for it.
            inbound.Own?.Delivered.TrySetResult();
            return;
        }

        try
        {
            if (chatEvent.IsSequenced)
            {
                // Id 0: delivered here alone while Redis is unreachable, with the next id this node would expect.
                var counter = CounterOf(chatEvent);
                var last = _lastIds.GetValueOrDefault(counter);
                var id = inbound.Id > 0 ? inbound.Id : last + 1;
                _lastIds[counter] = Math.Max(last, id);
                chatEvent = chatEvent.Stamped(id, inbound.Ts ?? _time.GetUtcNow());
            }

            KeepTopic(chatEvent, inbound);
            foreach (var observer in _observers)
            {
                await observer.OnEventAsync(chatEvent);
            }

            var congested = _delivery.Deliver(chatEvent, _toWake);
            if (inbound.Own is { } own)
            {
                own.Congested = congested;
            }
        }
        catch (Exception ex)
        {
            // One failed event must not stop the stream; its sender hears of it, nobody here receives it.
            Log.EventRefused(_logger, chatEvent.Event.GetType().Name, ex);
            LocalDelivery.Refuse(chatEvent, new ChatError(ErrorCodes.InternalError));
        }
        finally
        {
            LocalDelivery.Wake(_toWake);
            _deliveryGate.Release();
            inbound.Own?.Delivered.TrySetResult();
        }
    }

    /// <summary>Keeps this node's rooms' topics as the cluster has them: changes from any node, and the topic a joiner finds.</summary>
    private void KeepTopic(ChatEvent chatEvent, Inbound inbound)
    {
        switch (chatEvent.Event)
        {
            case TopicEvent { By: not null } topic when _rooms.TryGet(topic.Room, out var room):
                room.Topic = topic.Topic;
                break;
            case JoinEvent join when inbound is { Own: not null, Topic: { } topic } && _rooms.TryGet(join.Room, out var joined):
                joined.Topic = topic;
                break;
        }
    }

    private sealed class Pending(ChatEvent chatEvent, long seq)
    {
        public ChatEvent Event { get; } = chatEvent;

        public long Seq { get; } = seq;

        /// <summary>The id Redis gave the event, once its script has answered.</summary>
        public long Id { get; set; }

        /// <summary>Recipients on this node whose queue the delivery left congested; null when none.</summary>
        public List<ChatSession>? Congested { get; set; }

        public TaskCompletionSource Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <param name="Ts">Redis's time of a sequenced event; null when delivered here alone.</param>
    /// <param name="Topic">The room's topic found by a join.</param>
    private readonly record struct Inbound(ChatEvent Event, long Id, DateTimeOffset? Ts, string? Topic, Pending? Own);

    private static partial class Log
    {
        [LoggerMessage(1000, LogLevel.Error, "Cluster: a {EventType} was refused")]
        public static partial void EventRefused(ILogger logger, string eventType, Exception exception);

        [LoggerMessage(1001, LogLevel.Debug, "Cluster: a {EventType} was delivered on this node only: {Reason}")]
        public static partial void DeliveredLocally(ILogger logger, string eventType, string reason);

        [LoggerMessage(1002, LogLevel.Warning, "Cluster: a {EventType} (id {Id}) did not come back from Redis in time; delivered on this node only")]
        public static partial void EchoLost(ILogger logger, string eventType, long id);

        [LoggerMessage(1004, LogLevel.Error, "Cluster: Redis refused the script of a {EventType}; delivered on this node only")]
        public static partial void ScriptFailed(ILogger logger, string eventType, Exception exception);

        [LoggerMessage(1003, LogLevel.Error, "Cluster: a malformed frame of {Length} bytes on the event channel was dropped")]
        public static partial void MalformedFrame(ILogger logger, long length);
    }
}
