using Microsoft.Extensions.Logging;

namespace Chat.Client.Bots;

public sealed partial class ChatBot
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Cannot reach {Host}:{Port} ({Reason}); trying again in {DelaySeconds:0.##} s")]
        public static partial void ConnectFailed(ILogger logger, string host, int port, string reason, double delaySeconds);

        [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "!{Command} from {From} in {Where}")]
        public static partial void Command(ILogger logger, string command, string from, string where);

        [LoggerMessage(EventId = 42, Level = LogLevel.Error, Message = "Handler for {What} failed")]
        public static partial void HandlerFailed(ILogger logger, Exception exception, string what);

        [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "Reply dropped: {Limit} replies are already waiting for the rate limit")]
        public static partial void ReplyDropped(ILogger logger, int limit);

        [LoggerMessage(EventId = 44, Level = LogLevel.Warning, Message = "Reply lost while disconnected: {Reason}")]
        public static partial void ReplyLost(ILogger logger, string reason);
    }
}
