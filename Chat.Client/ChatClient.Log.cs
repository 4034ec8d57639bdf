using Microsoft.Extensions.Logging;

namespace Chat.Client;

public sealed partial class ChatClient
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Connected to {Host}:{Port} as {Name} over {Transport}")]
        public static partial void Connected(ILogger logger, string host, int port, string name, string transport);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Connection lost: {Reason}")]
        public static partial void ConnectionLost(ILogger logger, string reason);

        [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Reconnect attempt {Attempt} in {DelaySeconds:0.##} s")]
        public static partial void Reconnecting(ILogger logger, int attempt, double delaySeconds);

        [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Reconnected as {Name} after {Attempts} attempt(s)")]
        public static partial void Reconnected(ILogger logger, string name, int attempts);

        [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Reconnect attempt {Attempt} failed: {Reason}")]
        public static partial void ReconnectFailed(ILogger logger, int attempt, string reason);

        [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "The client stopped on an unexpected error")]
        public static partial void Failed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Stopped reconnecting: {Reason}")]
        public static partial void CertificateRefused(ILogger logger, string reason);
    }
}
