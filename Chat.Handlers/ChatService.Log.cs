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

        [LoggerMessage(1060, LogLevel.Information, "{Name} is a registered name: the guest has {Seconds} seconds to log in")]
        public static partial void LoginRequired(ILogger logger, string name, int seconds);

        [LoggerMessage(1061, LogLevel.Information, "Guest {Name} did not log in: renamed to {GuestName}")]
        public static partial void RenamedToGuest(ILogger logger, string name, string guestName);

        /// <summary>The audit line of every moderation action: who, what, where, to whom, why.</summary>
        [LoggerMessage(1070, LogLevel.Information, "Moderation: {Actor} {Action} in {Room} on {Target}: {Reason}")]
        public static partial void Moderation(ILogger logger, string? actor, string action, string? room, string? target, string? reason);

        /// <summary>The audit line of every server operator's action: who, what, to whom, why.</summary>
        [LoggerMessage(1100, LogLevel.Information, "Server moderation: {Actor} {Action} on {Target}: {Reason}")]
        public static partial void ServerModeration(ILogger logger, string actor, string action, string? target, string? reason);

        [LoggerMessage(1101, LogLevel.Information, "{Name} refused: server ban {Mask}")]
        public static partial void ServerBanRefused(ILogger logger, string name, string mask);

        [LoggerMessage(1062, LogLevel.Error, "Renaming guest {Name} failed")]
        public static partial void RenameToGuestFailed(ILogger logger, string name, Exception exception);
    }
}
