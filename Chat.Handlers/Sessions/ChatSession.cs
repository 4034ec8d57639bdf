using System.Collections.Immutable;
using System.Net;
using Chat.Handlers.Fronts;
using Chat.Handlers.Protocol;
using Chat.Handlers.Rooms;
using Chat.Protocol;

namespace Chat.Handlers.Sessions;

/// <summary>
/// One connection's chat state: its name, rooms, wire format and outgoing queue. The connection handler reads
/// and its writer loop writes; the core queues events and replies and closes it, and tracks the session's own
/// messages on their way (<see cref="NextTicket"/>).
/// </summary>
/// <remarks>
/// While delivery keeps up, a sender's own messages need not wait for one another: the lines one socket read brought
/// (a read pass) are published back to back and share the stream's batches, as nats-server and ngircd handle a whole
/// read buffer per pass (<see cref="Publishing"/>). The session still sees everything in the order it typed it: a
/// reply meant for it alone (an error, a numeric) is held until its messages published before it are delivered. The
/// read loop waits for them (<see cref="ConfirmAsync"/>) before it reads the socket again, before any command that is
/// not a message, once a pass is full (<see cref="PassIsFull"/>), and after every message while flow control holds
/// the sender (<see cref="Events.FlowControl"/>).
/// </remarks>
public sealed class ChatSession(string id, EndPoint? remoteEndPoint, WireFormat format, ProtocolWriter outgoing, Action requestClose)
{
    /// <summary>Messages one read pass may have on their way before the read loop waits for them.</summary>
    private const int MaxUnconfirmed = 64;

    /// <summary>Their text, in characters: a pass of long lines stops sooner, so what it adds to readers' queues stays small.</summary>
    private const int MaxUnconfirmedChars = 16 * 1024;

    // Read loop only: the publishes of this session's messages since the read loop last confirmed them, and their size.
    private readonly List<Task> _unconfirmed = [];
    private readonly Lock _heldGate = new();
    private int _unconfirmedChars;
    // Guarded by _heldGate: the tickets of this session's messages on their way (oldest first), the last one given, and
    // the replies held behind them, each with the last ticket given when it was sent.
    private readonly List<long> _onTheirWay = [];
    private long _lastTicket;
    private Queue<(long After, ReadOnlyMemory<byte> Frame)>? _heldReplies;
    // _onTheirWay.Count, read without the lock: replies take the lock only while messages are on their way.
    private int _inFlight;
    private volatile bool _isHeld;
    private string? _closeReason;

    public string Id { get; } = id;

    public EndPoint? RemoteEndPoint { get; } = remoteEndPoint;

    /// <summary>Whether the connection is encrypted (it came in on a TLS endpoint).</summary>
    public bool IsSecure { get; init; }

    /// <summary>Null until the user has registered a name.</summary>
    public string? Name { get; internal set; }

    public bool IsRegistered => Name is not null;

    /// <summary>The account this session is logged in to; null for a guest. It keeps the account across a change of name.</summary>
    public string? Account { get; internal set; }

    /// <summary>An account whose password was checked before registering (IRC's SASL); registering logs in to it.</summary>
    internal string? AuthenticatedAccount { get; set; }

    /// <summary>How events are written for this connection; its front may change it (JSON chosen by the first line).</summary>
    public WireFormat Format { get; set; } = format;

    /// <summary>The front's side of this connection, once open: it encodes the replies meant for this session alone.</summary>
    public FrontConnection? Connection { get; internal set; }

    /// <summary>The rooms this session is in; replaced, never mutated, under the room registry's lock.</summary>
    public ImmutableArray<Room> Rooms { get; internal set; } = [];

    /// <summary>Where plain lines go; null when the user is in no room.</summary>
    public Room? CurrentRoom { get; internal set; }

    /// <summary>Per-session state of pipeline filters (for example a rate limiter), touched only by the read loop.</summary>
    public Dictionary<object, object> Items { get; } = [];

    public bool IsClosing => Volatile.Read(ref _closeReason) is not null;

    /// <summary>Bytes in the outgoing queue, not yet written to the socket.</summary>
    public long QueuedBytes => outgoing.QueuedBytes;

    /// <summary>Why the session is closing, once it is.</summary>
    public string? CloseReason => Volatile.Read(ref _closeReason);

    /// <summary>Queues an event without waiting. A full queue closes the session as a slow consumer.</summary>
    public void Send(OutgoingMessage message) => Queue(message, wake: true);

    /// <summary>
    /// Queues an event for a fan-out that wakes the writers it touched at the end of its batch; true when this
    /// session's writer is one of them (<see cref="Wake"/>).
    /// </summary>
    internal bool Queue(OutgoingMessage message, bool wake)
    {
        if (IsClosing)
        {
            return false;
        }

        return Write(message.GetBytes(Format), wake) == WriteResult.QueuedWakeOwed;
    }

    internal void Wake() => outgoing.Wake();

    /// <summary>Over the soft limit of its queue while still reading: worth waiting for, briefly (<see cref="Events.FlowControl"/>).</summary>
    internal bool IsCongested => !IsClosing && outgoing.IsCongested(Events.FlowControl.StalledAfter);

    /// <summary>Completes once this session's queue is back at or under its soft limit, or it ended.</summary>
    internal Task WhenDrainedAsync() => outgoing.WhenDrainedAsync();

    /// <summary>
    /// Queues a reply meant for this session alone, encoded for it (<see cref="FrontConnection.EncodeReply"/>), behind
    /// the session's own messages still on their way.
    /// </summary>
    public void Send(ServerEvent serverEvent)
    {
        if (IsClosing)
        {
            return;
        }

        var frame = Encode(serverEvent);
        if (Volatile.Read(ref _inFlight) == 0 || !Hold(frame))
        {
            Write(frame, wake: true);
        }
    }

    /// <summary>
    /// Whether the read loop must wait for this session's messages before it handles another line: the pass has as many
    /// as it may have, or flow control holds the sender, which then waits after every message.
    /// </summary>
    internal bool PassIsFull => _unconfirmed.Count > 0
        && (_isHeld || _unconfirmed.Count >= MaxUnconfirmed || _unconfirmedChars >= MaxUnconfirmedChars);

    /// <summary>
    /// Set in stream order by each delivery of an event this session published (<see cref="Events.LocalDelivery"/>):
    /// true when it left a recipient congested. While held, its messages do not overlap.
    /// </summary>
    internal void SetHeld(bool held) => _isHeld = held;

    /// <summary>
    /// Gives the next message of this session's own (read loop only: the counts of the pass are not locked) the ticket its <see cref="Events.ChatEvent.Ticket"/>
    /// carries through the stream: replies sent after this wait until the stream is done with it (<see cref="MessageDone"/>).
    /// </summary>
    internal long NextTicket(int chars)
    {
        _unconfirmedChars += chars;
        lock (_heldGate)
        {
            _onTheirWay.Add(++_lastTicket);
            Volatile.Write(ref _inFlight, _onTheirWay.Count);
            return _lastTicket;
        }
    }

    /// <summary>Lets the publish of a ticketed message complete without waiting for it: <see cref="ConfirmAsync"/> waits for it.</summary>
    internal void Publishing(ValueTask publishing, long ticket)
    {
        if (publishing.IsCompletedSuccessfully)
        {
            publishing.GetAwaiter().GetResult();
            MessageDone(ticket);
            return;
        }

        _unconfirmed.Add(AwaitDeliveryAsync(publishing, ticket));
    }

    /// <summary>Waits until every message <see cref="Publishing"/> took has been delivered (read loop only).</summary>
    internal async ValueTask ConfirmAsync()
    {
        if (_unconfirmed.Count == 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(_unconfirmed).ConfigureAwait(false);
        }
        finally
        {
            _unconfirmed.Clear();
            _unconfirmedChars = 0;
        }
    }

    /// <summary>
    /// The stream is done with a ticketed message, delivered or <paramref name="refused"/> (whose error goes out now, at
    /// the message's place): the replies held behind it and every message before it go out too. Later calls for the
    /// same ticket do nothing.
    /// </summary>
    internal void MessageDone(long ticket, ServerEvent? refused = null)
    {
        lock (_heldGate)
        {
            if (!_onTheirWay.Remove(ticket))
            {
                return;
            }

            if (refused is not null && !IsClosing)
            {
                Write(Encode(refused), wake: true);
            }

            ReleaseHeld(through: _onTheirWay.Count == 0 ? _lastTicket : _onTheirWay[0] - 1);

            Volatile.Write(ref _inFlight, _onTheirWay.Count);
        }
    }

    /// <summary>
    /// A publish that ended without the stream having said so (it failed, or the stream stopped) still lets the replies
    /// behind its message go; a failure is the sender's error at the message's place.
    /// </summary>
    private async Task AwaitDeliveryAsync(ValueTask publishing, long ticket)
    {
        try
        {
            await publishing.ConfigureAwait(false);
        }
        catch
        {
            MessageDone(ticket, new ChatError(ErrorCodes.InternalError));
            throw;
        }

        MessageDone(ticket);
    }

    /// <summary>Queues, in order, the held replies sent before ticket <paramref name="through"/> was done; under <see cref="_heldGate"/>.</summary>
    private void ReleaseHeld(long through)
    {
        while (_heldReplies is { Count: > 0 } held && held.Peek().After <= through)
        {
            Write(held.Dequeue().Frame, wake: true);
        }
    }

    private bool Hold(ReadOnlyMemory<byte> frame)
    {
        lock (_heldGate)
        {
            // A closing session gets nothing more delivered: what is sent now goes straight to its last lines.
            if (_onTheirWay.Count == 0 || IsClosing)
            {
                return false;
            }

            (_heldReplies ??= []).Enqueue((_lastTicket, frame));
            return true;
        }
    }

    /// <summary>
    /// Starts closing: queued lines and <paramref name="farewell"/> are still sent, then the connection ends.
    /// Returns false if the session was already closing.
    /// </summary>
    public bool Close(string reason, ServerEvent? farewell = null)
    {
        // The reason is the gate: whoever sees IsClosing also sees why.
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
        {
            return false;
        }

        lock (_heldGate)
        {
            // Nothing more is delivered to a closing session: what was held for its messages goes out before the farewell.
            ReleaseHeld(through: long.MaxValue);
        }

        outgoing.Complete(farewell is null ? default : Encode(farewell));
        requestClose();
        return true;
    }

    private byte[] Encode(ServerEvent reply) => Connection is { } connection ? connection.EncodeReply(reply) : Format.Encode(reply);

    /// <summary>Queues a frame; a front may render an event as nothing, and an empty frame is not queued.</summary>
    private WriteResult? Write(ReadOnlyMemory<byte> frame, bool wake)
    {
        if (frame.IsEmpty)
        {
            return null;
        }

        var result = outgoing.TryWrite(frame, wake);
        if (result == WriteResult.Full)
        {
            Close(CloseReasons.SendQueueExceeded, new ChatError(ErrorCodes.SendQueueExceeded));
        }

        return result;
    }
}
