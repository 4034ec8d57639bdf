using Microsoft.Extensions.Logging;

namespace Chat.Handlers.Fronts.Irc;

internal sealed partial class IrcConnection
{
    private static partial class Log
    {
        [LoggerMessage(700, LogLevel.Debug, "IRC client registered (user {User}, capabilities: {Capabilities})")]
        public static partial void Registered(ILogger logger, string user, string capabilities);

        [LoggerMessage(701, LogLevel.Debug, "Malformed IRC line: {ParseError}")]
        public static partial void Malformed(ILogger logger, IrcParseError parseError);

        [LoggerMessage(702, LogLevel.Debug, "IRC capabilities now: {Capabilities}")]
        public static partial void Capabilities(ILogger logger, string capabilities);

        [LoggerMessage(760, LogLevel.Debug, "SASL refused: {Reason}")]
        public static partial void SaslRefused(ILogger logger, string reason);

        [LoggerMessage(761, LogLevel.Debug, "CHATHISTORY {Subcommand} refused: {Code}")]
        public static partial void ChatHistoryRefused(ILogger logger, string subcommand, string code);
    }
}
