using Chat.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Sessions;

/// <summary>
/// Counts each connection's violations (over-long, malformed and rate-limited lines) against an allowance of
/// <see cref="ChatLimits.MaxViolations"/> that refills over <see cref="ChatLimits.ViolationWindow"/>. An occasional
/// mistake only costs its line; sustained abuse closes the connection, with the reason of the last violation.
/// </summary>
/// <remarks>Called from the session's read loop only (the handler and the pipeline), like <see cref="ChatSession.Items"/>.</remarks>
public sealed partial class ViolationTracker(IOptions<ChatOptions> options, ILogger<ViolationTracker> logger)
{
    public const string ExcessFlood = "excess flood";
    public const string TooManyLongLines = "too many over-long lines";
    public const string TooManyMalformedLines = "too many malformed lines";

    private static readonly object Key = new();
    private readonly ChatLimits _limits = options.Value.Limits;

    /// <summary>Records one violation; returns true if it used up the allowance and the session is now closing.</summary>
    public bool Record(ChatSession session, string reasonIfExhausted)
    {
        if (!session.Items.TryGetValue(Key, out var state))
        {
            state = new Allowance(_limits.MaxViolations, _limits.MaxViolations, _limits.ViolationWindow);
            session.Items[Key] = state;
        }

        if (((Allowance)state).TryTake())
        {
            return false;
        }

        Log.TooManyViolations(logger, reasonIfExhausted, _limits.MaxViolations, _limits.ViolationWindow);
        session.Close(reasonIfExhausted, new ChatError(ErrorCodes.TooManyViolations, reasonIfExhausted));
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(400, LogLevel.Warning, "Closing: {Reason} (over {MaxViolations} violations per {ViolationWindow})")]
        public static partial void TooManyViolations(ILogger logger, string reason, int maxViolations, TimeSpan violationWindow);
    }
}
