using System.Collections.Immutable;
using System.Net;
using Chat.Handlers.Fronts;
using Chat.Handlers.Protocol;
using Chat.Handlers.Rooms;
using Chat.Protocol;

namespace Chat.Handlers.Sessions;

/// <summary>
/// One connection's chat state: its name, rooms, wire format and outgoing queue. The connection handler reads
/// and its writer loop writes; the core only calls <see cref="Send(OutgoingMessage)"/> and <see cref="Close"/>.
/// </summary>
public sealed class ChatSession(string id, EndPoint? remoteEndPoint, WireFormat format, ProtocolWriter outgoing, Action requestClose)
{
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

    /// <summary>Queues a reply meant for this session alone, encoded for it (<see cref="FrontConnection.EncodeReply"/>).</summary>
    public void Send(ServerEvent serverEvent)
    {
        if (!IsClosing)
        {
            Write(Encode(serverEvent), wake: true);
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
