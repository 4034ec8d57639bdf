using Chat.Handlers.Hosting;
using Chat.Handlers.Sessions;
using Chat.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Pipeline;

/// <summary>
/// Rate-limits each connection's lines: <see cref="ChatLimits.MessageBurst"/> at once, then
/// <see cref="ChatLimits.MessagesPerSecond"/>. Lines over the limit are dropped, not delayed (a delay would only
/// buffer a flood). The first dropped line of a run gets a <c>rate_limited</c> notice; every dropped line counts
/// as a violation, so a sustained flood closes the connection.
/// </summary>
/// <remarks>It runs before registration, so name attempts are limited as well as chat.</remarks>
public sealed partial class FloodControlFilter(
    ViolationTracker violations, ChatMetrics metrics, IOptions<ChatOptions> options, ILogger<FloodControlFilter> logger)
    : IChatFilter
{
    private static readonly object Key = new();
    private readonly ChatLimits _limits = options.Value.Limits;

    public ValueTask InvokeAsync(ChatContext context, ChatDelegate next)
    {
        var session = context.Session;
        if (!session.Items.TryGetValue(Key, out var value))
        {
            value = new FloodState(new Allowance(_limits.MessageBurst, _limits.MessagesPerSecond, TimeSpan.FromSeconds(1)));
            session.Items[Key] = value;
        }

        var state = (FloodState)value;
        if (state.Allowance.TryTake())
        {
            state.Dropping = false;
            return next(context);
        }

        if (!state.Dropping)
        {
            state.Dropping = true;
            Log.Flooding(logger, _limits.MessagesPerSecond, _limits.MessageBurst);
            session.Send(new ChatError(ErrorCodes.RateLimited, "lines", _limits.MessagesPerSecond, _limits.MessageBurst));
        }

        metrics.MessageDropped(ErrorCodes.RateLimited);
        violations.Record(session, ViolationTracker.ExcessFlood);
        return ValueTask.CompletedTask;
    }

    private sealed class FloodState(Allowance allowance)
    {
        public Allowance Allowance { get; } = allowance;

        /// <summary>Set from the first dropped line until a line is accepted again: one notice per run.</summary>
        public bool Dropping { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(410, LogLevel.Warning, "Flooding: dropping lines over {MessagesPerSecond} a second (burst {MessageBurst})")]
        public static partial void Flooding(ILogger logger, int messagesPerSecond, int messageBurst);
    }
}
