using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Chat.Handlers.Fronts;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;

namespace Chat.Handlers.Hosting;

/// <summary>
/// The server's instruments, on the meter <c>ChatApp</c> (docs/OPERATIONS.md lists them with what to alert on).
/// Cheap on the hot path: deliveries count once per event and bytes once per written batch, never per recipient or
/// frame; queue depths, users and rooms are read only when a collector asks. Every tag comes from a small fixed set.
/// </summary>
/// <remarks>History counts its own on the same meter (<c>History/HistoryMetrics</c>); backplane round trips come with the backplane.</remarks>
public sealed class ChatMetrics
{
    public const string MeterName = "ChatApp";

    private readonly ConcurrentDictionary<Type, string> _frontNames = new();
    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _disconnects;
    private readonly Counter<long> _received;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _sent;
    private readonly Histogram<double> _publishDuration;

    public ChatMetrics(IMeterFactory meterFactory, UserDirectory users, RoomRegistry rooms)
    {
        var meter = meterFactory.Create(MeterName);
        _connections = meter.CreateUpDownCounter<long>("chat.connections", "{connection}",
            "Chat connections open, by front and by TLS.");
        _refused = meter.CreateCounter<long>("chat.connections.refused", "{connection}",
            "Connections refused before any chat, by reason (server_full, too_many_connections, proxy_*).");
        _disconnects = meter.CreateCounter<long>("chat.disconnects", "{connection}",
            "Chat connections ended, by reason (quit, closed, lost, shutdown, send_queue, send_queue_stalled, ping_timeout, flood...).");
        _received = meter.CreateCounter<long>("chat.messages.received", "{message}",
            "Lines read from clients and decoded into commands.");
        _dropped = meter.CreateCounter<long>("chat.messages.dropped", "{message}",
            "Lines refused, by reason (rate_limited, line_too_long, or the decoding error's code).");
        _deliveries = meter.CreateCounter<long>("chat.deliveries", "{delivery}",
            "Events handed to a recipient's queue: one per recipient of each event.");
        _sent = meter.CreateCounter<long>("chat.sent", "By",
            "Bytes written to chat connections.");
        _publishDuration = meter.CreateHistogram("chat.publish.duration", "s",
            "Time from publishing an event to its delivery to every local recipient's queue.",
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
            });
        meter.CreateObservableGauge("chat.users", () => users.Count, "{user}", "Registered users.");
        meter.CreateObservableGauge("chat.rooms", () => rooms.Count, "{room}", "Rooms.");
        meter.CreateObservableGauge("chat.send_queue.size", () => users.Sessions.Sum(s => s.QueuedBytes), "By",
            "Bytes queued for registered users, not yet written.");
        meter.CreateObservableGauge("chat.send_queue.largest", () => users.Sessions.Select(s => s.QueuedBytes).DefaultIfEmpty().Max(), "By",
            "The largest single send queue: near Chat:Limits:SendQueueBytes, a reader is about to be cut off.");
        Sent = bytes => _sent.Add(bytes);
    }

    /// <summary>Counts bytes written by a connection's writer loop (<see cref="Protocol.ProtocolWriter"/>), one call per batch.</summary>
    public Action<int> Sent { get; }

    public void ConnectionOpened(IChatFront front, bool secure) => _connections.Add(1, ConnectionTags(front, secure));

    public void ConnectionClosed(IChatFront front, bool secure, string? reason)
    {
        _connections.Add(-1, ConnectionTags(front, secure));
        _disconnects.Add(1, new KeyValuePair<string, object?>("reason", CloseReasons.Kind(reason)));
    }

    /// <param name="reason">A code from a fixed set: an <c>ErrorCodes</c> value or a <c>proxy_*</c> reason.</param>
    public void ConnectionRefused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void MessageReceived() => _received.Add(1);

    /// <param name="reason">An <c>ErrorCodes</c> value.</param>
    public void MessageDropped(string reason) => _dropped.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Delivered(int recipients)
    {
        if (recipients > 0)
        {
            _deliveries.Add(recipients);
        }
    }

    public void Published(TimeSpan elapsed) => _publishDuration.Record(elapsed.TotalSeconds);

    private TagList ConnectionTags(IChatFront front, bool secure) => new()
    {
        { "front", FrontName(front) },
        { "tls", secure },
    };

    /// <summary>A front's tag: its type's name without "Front", lower case (<c>LineFront</c> is <c>line</c>).</summary>
    private string FrontName(IChatFront front) => _frontNames.GetOrAdd(front.GetType(), static type =>
        (type.Name.EndsWith("Front", StringComparison.Ordinal) ? type.Name[..^"Front".Length] : type.Name).ToLowerInvariant());
}
