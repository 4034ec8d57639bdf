using System.Net;
using Microsoft.Extensions.Logging;

namespace Chat.Handlers.Hosting;

public sealed partial class ChatConnectionHandler
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Connection from {RemoteEndPoint}")]
        public static partial void Connected(ILogger logger, EndPoint? remoteEndPoint);

        // The kind of reason, as the metrics count it.
        [LoggerMessage(2, LogLevel.Information, "Disconnected: {Reason}")]
        public static partial void Disconnected(ILogger logger, string? reason);

        [LoggerMessage(3, LogLevel.Warning, "Line over {MaxLineBytes} bytes discarded")]
        public static partial void LineTooLong(ILogger logger, int maxLineBytes);

        [LoggerMessage(4, LogLevel.Warning, "Bad input: {ErrorCode}")]
        public static partial void BadInput(ILogger logger, string errorCode);

        [LoggerMessage(5, LogLevel.Error, "The pipeline failed on an input")]
        public static partial void PipelineFailed(ILogger logger, Exception exception);

        [LoggerMessage(6, LogLevel.Error, "A message could not be published; its sender was told")]
        public static partial void PublishFailed(ILogger logger, Exception exception);

        [LoggerMessage(650, LogLevel.Warning, "Slow consumer: the socket took nothing for {Seconds} s; connection aborted")]
        public static partial void SendQueueStalled(ILogger logger, double seconds);
    }
}
