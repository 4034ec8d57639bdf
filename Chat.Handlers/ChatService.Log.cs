using Microsoft.Extensions.Logging;

namespace Chat.Handlers;

public sealed partial class ChatService
{
    private static partial class Log
    {
        [LoggerMessage(100, LogLevel.Information, "Registered as {Name}")]
        public static partial void Registered(ILogger logger, string name);

        [LoggerMessage(101, LogLevel.Information, "Renamed from {OldName} to {NewName}")]
        public static partial void Renamed(ILogger logger, string oldName, string newName);
    }
}
