using System.ComponentModel.DataAnnotations;
using Chat.Handlers.Accounts;
using Microsoft.Extensions.Options;

namespace Chat.Handlers;

/// <summary>The <c>Chat</c> configuration section (docs/CONFIGURATION.md).</summary>
public sealed class ChatOptions : IValidatableObject
{
    public const string Section = "Chat";

    [Required, MinLength(1)]
    public string ServerName { get; set; } = "ChatApp";

    /// <summary>Where users land after registering. Always exists.</summary>
    [Required, MinLength(1)]
    public string DefaultRoom { get; set; } = "general";

    /// <summary>Rooms that always exist, besides the default room.</summary>
    public List<string> Rooms { get; set; } = [];

    /// <summary>
    /// Names nobody may take because they would pass for the server; <see cref="ServerName"/> is always among them.
    /// Null (not configured) means <see cref="DefaultReservedNames"/>; a configured list replaces them.
    /// </summary>
    public List<string>? ReservedNames { get; set; }

    public static IReadOnlyList<string> DefaultReservedNames { get; } =
        ["server", "admin", "administrator", "root", "system", "operator", "moderator", "nickserv", "chanserv"];

    /// <summary>Accounts that are server operators once logged in: they may kill, ban server-wide and announce.</summary>
    public List<string> Operators { get; set; } = [];

    [ValidateObjectMembers]
    public ChatLimits Limits { get; set; } = new();

    [ValidateObjectMembers]
    public AccountOptions Accounts { get; set; } = new();

    /// <summary>Largest decoded payload of a typed message (JSON mode).</summary>
    [Range(0, 64 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>MIME types a payload may have; <c>type/*</c> allows a whole family.</summary>
    public List<string> AllowedContentTypes { get; set; } =
        ["text/plain", "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "application/octet-stream"];

    /// <summary>
    /// How long a stopping server goes on serving while <c>/readyz</c> says it is not ready, before chat connections
    /// are told and closed: time for load balancers to see it and send new clients elsewhere.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownDrainDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>JSON lines may carry a base64 payload on top of an ordinary line.</summary>
    public int MaxJsonLineBytes => Limits.MaxLineBytes + (MaxPayloadBytes + 2) / 3 * 4;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Otherwise one largest typed message would cut off every JSON recipient as a slow consumer.
        if (Limits.SendQueueBytes < 2 * MaxJsonLineBytes)
        {
            yield return new ValidationResult(
                $"Chat:Limits:SendQueueBytes ({Limits.SendQueueBytes}) must be at least twice the longest JSON line ({MaxJsonLineBytes}).",
                [nameof(ChatLimits.SendQueueBytes)]);
        }

        if (Limits.SendQueueSoftBytes > Limits.SendQueueBytes)
        {
            yield return new ValidationResult(
                $"Chat:Limits:SendQueueSoftBytes ({Limits.SendQueueSoftBytes}) must not exceed Chat:Limits:SendQueueBytes ({Limits.SendQueueBytes}).",
                [nameof(ChatLimits.SendQueueSoftBytes)]);
        }
    }
}

/// <summary>The <c>Chat:Limits</c> section: everything a client controls has a limit.</summary>
public sealed class ChatLimits
{
    /// <summary>Longest line accepted, line ending included.</summary>
    [Range(64, 16 * 1024 * 1024)]
    public int MaxLineBytes { get; set; } = 4096;

    [Range(1, 64)]
    public int MaxNameLength { get; set; } = 24;

    [Range(1, 64)]
    public int MaxRoomNameLength { get; set; } = 32;

    [Range(1, 4096)]
    public int MaxTopicLength { get; set; } = 300;

    /// <summary>Characters of a leave or quit reason that others see; a longer one is cut, so leaving always works.</summary>
    [Range(1, 4096)]
    public int MaxReasonLength { get; set; } = 200;

    [Range(1, 1000)]
    public int MaxRoomsPerUser { get; set; } = 20;

    /// <summary>Entries each list of a registered room may hold (bans, mutes, voiced accounts, invitations), and server bans.</summary>
    [Range(1, 100_000)]
    public int MaxRoomListEntries { get; set; } = 200;

    /// <summary>Longest room key (<c>/mode +k KEY</c>).</summary>
    [Range(1, 1024)]
    public int MaxRoomKeyLength { get; set; } = 64;

    /// <summary>Bytes queued for one connection before it is cut off as a slow consumer.</summary>
    [Range(4096, int.MaxValue)]
    public int SendQueueBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Rooms with more members than this announce joins, leaves and quits only to the one coming or going.</summary>
    [Range(0, int.MaxValue)]
    public int AnnounceJoinsUpTo { get; set; } = 1000;

    /// <summary>
    /// The soft limit of a connection's queue: a sender whose message leaves a reader's queue over it waits, a few
    /// milliseconds at most, for that queue to drain (docs/CONFIGURATION.md, "Flow control").
    /// </summary>
    [Range(4096, int.MaxValue)]
    public int SendQueueSoftBytes { get; set; } = 256 * 1024;

    /// <summary>A connection with lines queued whose socket has taken nothing for this long is cut as a slow consumer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan SlowConsumerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a closing connection may take to send its last lines before it is aborted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Chat connections open at once; Kestrel's own limit is set to twice this (see docs/CONFIGURATION.md).</summary>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; set; } = 10_000;

    /// <summary>Chat connections open at once from one remote IP address (loopback included).</summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerIp { get; set; } = 10;

    /// <summary>Lines one connection may send per second, on average.</summary>
    [Range(1, 1_000_000)]
    public int MessagesPerSecond { get; set; } = 5;

    /// <summary>Lines one connection may send at once before <see cref="MessagesPerSecond"/> applies.</summary>
    [Range(1, 1_000_000)]
    public int MessageBurst { get; set; } = 10;

    /// <summary>Payload bytes one connection may send per second, on average; a burst may reach <see cref="ChatOptions.MaxPayloadBytes"/>.</summary>
    [Range(1, int.MaxValue)]
    public int PayloadBytesPerSecond { get; set; } = 1024 * 1024;

    /// <summary>
    /// Violations (over-long, malformed or rate-limited lines) tolerated from one connection; one more closes it.
    /// The allowance refills at this many per <see cref="ViolationWindow"/>.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxViolations { get; set; } = 50;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ViolationWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a connection may stay without a registered name.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RegistrationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Silence after which a client that answers pings (JSON Lines) is pinged.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a pinged client has to send anything before it counts as dead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>TCP keepalive: idle time before the first probe (whole seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TcpKeepAliveTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>TCP keepalive: time between unanswered probes (whole seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TcpKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(10);
}
