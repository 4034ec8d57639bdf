namespace Chat.Handlers.Sessions;

/// <summary>Why sessions close (<see cref="ChatSession.Close"/>), and the fixed set of kinds they fall into for metrics and logs.</summary>
public static class CloseReasons
{
    public const string Shutdown = "server shutting down";
    public const string Closed = "connection closed";
    public const string Reset = "connection reset";
    public const string Lost = "connection lost";
    public const string RegistrationTimeout = "registration timeout";
    public const string PingTimeout = "ping timeout";
    public const string SendQueueExceeded = "send queue exceeded";

    /// <summary>A slow consumer whose socket took nothing for <c>Chat:Limits:SlowConsumerTimeout</c> (<c>Events/FlowControl</c>).</summary>
    public const string SendQueueStalled = "send queue stalled";

    public const string Quit = "quit";
    public const string NoGuestName = "no guest name free";
    public const string Killed = "killed by a server operator";
    public const string ServerBanned = "banned from the server";

    /// <summary>The kind of a close reason: one of a small fixed set, safe as a metric tag and in an Information log.</summary>
    public static string Kind(string? reason) => reason switch
    {
        Quit => "quit",
        Shutdown => "shutdown",
        Closed => "closed",
        Reset or Lost => "lost",
        RegistrationTimeout => "registration_timeout",
        PingTimeout => "ping_timeout",
        SendQueueExceeded => "send_queue",
        SendQueueStalled => "send_queue_stalled",
        NoGuestName => "no_guest_name",
        Killed => "killed",
        ServerBanned => "server_banned",
        ViolationTracker.ExcessFlood => "flood",
        ViolationTracker.TooManyLongLines => "too_many_long_lines",
        ViolationTracker.TooManyMalformedLines => "too_many_malformed_lines",
        _ => "other",
    };
}
