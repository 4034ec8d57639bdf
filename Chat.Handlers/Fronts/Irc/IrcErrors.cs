using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// The core's errors as IRC replies: a numeric where IRC has one (a taken nick is 433, an unknown command 421), an
/// <c>ERROR</c> line for those that close the connection, a server NOTICE with the error's sentence for the rest.
/// </summary>
internal static class IrcErrors
{
    public static IrcMessage ToMessage(ChatError e, string nick, string server)
    {
        var subject = IrcWords.Safe(e.Subject);
        var channel = IrcWords.Safe(e.Subject is null ? null : IrcMask.Channel(e.Subject));
        return e.Code switch
        {
            ErrorCodes.NameInvalid when string.IsNullOrEmpty(e.Subject) => Numeric(IrcNumerics.ErrNoNicknameGiven, "No nickname given"),
            ErrorCodes.NameInvalid => Numeric(IrcNumerics.ErrErroneusNickname, subject, $"Erroneous nickname: {ErrorText.Render(e with { Retry = false })}"),
            ErrorCodes.NameTaken => Numeric(IrcNumerics.ErrNicknameInUse, subject, "Nickname is already in use"),
            ErrorCodes.NotRegistered => Numeric(IrcNumerics.ErrNotRegistered, "You have not registered"),
            ErrorCodes.AlreadyRegistered => Numeric(IrcNumerics.ErrAlreadyRegistered, "You may not reregister"),
            ErrorCodes.RoomInvalid => Numeric(IrcNumerics.ErrBadChanMask, channel, $"Bad channel name: {ErrorText.Render(e)}"),
            ErrorCodes.TooManyRooms => Numeric(IrcNumerics.ErrTooManyChannels, channel, "You have joined too many channels"),
            ErrorCodes.NotInRoom when e.Subject is not null => Numeric(IrcNumerics.ErrNotOnChannel, channel, "You're not on that channel"),
            ErrorCodes.NoSuchUser => Numeric(IrcNumerics.ErrNoSuchNick, subject, "No such nick/channel"),
            ErrorCodes.UnknownCommand => Numeric(IrcNumerics.ErrUnknownCommand, subject, "Unknown command"),
            ErrorCodes.LineTooLong => Numeric(IrcNumerics.ErrInputTooLong, "Input line was too long"),
            ErrorCodes.BadRequest => Numeric(IrcNumerics.ErrUnknownError, "*", "Malformed IRC message"),
            ErrorCodes.BadPassword => Numeric(IrcNumerics.ErrPasswdMismatch, "Password incorrect"),
            ErrorCodes.NotOperator => Numeric(IrcNumerics.ErrChanOPrivsNeeded, channel, "You're not channel operator"),
            ErrorCodes.NotOwner => Numeric(IrcNumerics.ErrChanOPrivsNeeded, channel, "You're not the channel owner"),
            ErrorCodes.TopicLocked => Numeric(IrcNumerics.ErrChanOPrivsNeeded, channel, "You're not channel operator"),
            ErrorCodes.NoSuchAccount => Numeric(IrcNumerics.ErrNoSuchNick, subject, "No such nick/channel"),
            ErrorCodes.Banned => Numeric(IrcNumerics.ErrBannedFromChan, channel, "Cannot join channel (+b)"),
            ErrorCodes.InviteOnly => Numeric(IrcNumerics.ErrInviteOnlyChan, channel, "Cannot join channel (+i)"),
            ErrorCodes.BadKey => Numeric(IrcNumerics.ErrBadChannelKey, channel, "Cannot join channel (+k)"),
            ErrorCodes.Muted => Numeric(IrcNumerics.ErrCannotSendToChan, channel, "Cannot send to channel (muted)"),
            ErrorCodes.Moderated => Numeric(IrcNumerics.ErrCannotSendToChan, channel, "Cannot send to channel (+m)"),
            ErrorCodes.NotServerOperator => Numeric(IrcNumerics.ErrNoPrivileges, "Permission Denied- You're not an IRC operator"),
            _ when ClosesConnection(e.Code) => new IrcMessage("ERROR", $"Closing link: {ErrorText.Render(e)}") { ForceTrailing = true },
            _ => new IrcMessage("NOTICE", nick, ErrorText.Render(e)) { Prefix = server, ForceTrailing = true },
        };

        IrcMessage Numeric(string numeric, params ReadOnlySpan<string> parameters) =>
            new(numeric, [nick, .. parameters]) { Prefix = server, ForceTrailing = true };
    }

    /// <summary>The errors sent as a farewell: the connection closes right after.</summary>
    private static bool ClosesConnection(string code) => code is ErrorCodes.TooManyViolations or ErrorCodes.RegistrationTimeout
        or ErrorCodes.PingTimeout or ErrorCodes.SendQueueExceeded or ErrorCodes.ServerFull or ErrorCodes.TooManyConnections;
}
