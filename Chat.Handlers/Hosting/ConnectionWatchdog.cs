using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers.Hosting;

/// <summary>
/// One connection's deadlines, on one timer: a name must be registered within
/// <see cref="ChatLimits.RegistrationTimeout"/>, so idle sockets cannot pile up; a client that answers pings
/// (JSON Lines) is pinged after <see cref="ChatLimits.PingInterval"/> of silence and closed as dead after
/// <see cref="ChatLimits.PingTimeout"/> more. Text clients are people, who may idle for hours: TCP keepalive finds
/// their dead peers instead.
/// </summary>
internal sealed class ConnectionWatchdog : IDisposable
{
    private readonly ChatSession _session;
    private readonly ChatLimits _limits;
    private readonly TimeProvider _time;
    private readonly long _started;
    private ITimer? _timer;
    private readonly Lock _gate = new();
    private long _lastInput;
    private bool _disposed;

    public ConnectionWatchdog(ChatSession session, ChatLimits limits, TimeProvider time)
    {
        _session = session;
        _limits = limits;
        _time = time;
        _started = _lastInput = time.GetTimestamp();
        var firstCheck = limits.RegistrationTimeout < limits.PingInterval ? limits.RegistrationTimeout : limits.PingInterval;
        // Armed only once assigned, so a check never finds the field unset.
        _timer = time.CreateTimer(static state => ((ConnectionWatchdog)state!).Check(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(firstCheck, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The client sent a line: it is alive.</summary>
    public void OnInput() => Volatile.Write(ref _lastInput, _time.GetTimestamp());

    /// <summary>
    /// The session has a name. A client that is never pinged has no deadline left, so its timer goes now rather
    /// than at the end of the connection: idle text users are most of a big server's connections.
    /// </summary>
    public void OnRegistered()
    {
        if (!_session.Format.AnswersPings)
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Check()
    {
        if (_session.IsClosing)
        {
            return;
        }

        var now = _time.GetTimestamp();
        TimeSpan? next = null;
        if (!_session.IsRegistered)
        {
            var left = _limits.RegistrationTimeout - _time.GetElapsedTime(_started, now);
            if (left <= TimeSpan.Zero)
            {
                _session.Close(CloseReasons.RegistrationTimeout, new ChatError(ErrorCodes.RegistrationTimeout, Seconds(_limits.RegistrationTimeout)));
                return;
            }

            next = left;
        }

        if (_session.Format.AnswersPings)
        {
            var idle = _time.GetElapsedTime(Volatile.Read(ref _lastInput), now);
            var deadline = _limits.PingInterval + _limits.PingTimeout;
            if (idle >= deadline)
            {
                _session.Close(CloseReasons.PingTimeout, new ChatError(ErrorCodes.PingTimeout, Seconds(_limits.PingTimeout)));
                return;
            }

            if (idle >= _limits.PingInterval)
            {
                _session.Send(new PingEvent());
            }

            var wake = idle < _limits.PingInterval ? _limits.PingInterval - idle : deadline - idle;
            next = next < wake ? next : wake;
        }

        // The connection may end while this runs: re-arming a disposed timer throws, on a timer thread.
        lock (_gate)
        {
            if (next is { } due && !_disposed)
            {
                _timer!.Change(due, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
