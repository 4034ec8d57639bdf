namespace Chat.Protocol;

/// <summary>
/// The sentences for account and moderation events, one wording for every place that shows them to people: the text
/// front (after <c>***</c>), IRC notices and the terminal client.
/// </summary>
public static class NoticeText
{
    /// <summary>The sentence for <paramref name="serverEvent"/>, or null for events shown some other way.</summary>
    public static string? Of(ServerEvent serverEvent) => serverEvent switch
    {
        AccountEvent e => Account(e),
        KickEvent e => $"{e.By} kicked {e.Name} from #{e.Room}{Reason(e.Reason)}",
        RoomModeEvent e => $"{Mode(e)}{Reason(e.Reason)}",
        KillEvent e => $"{e.By} disconnected {e.Name}{Reason(e.Reason)}",
        AnnouncementEvent e => $"Announcement from {e.By}: {e.Text}",
        ServerBanEvent { Lifted: true } e => $"{e.By} lifted the server ban on {e.Mask}",
        ServerBanEvent e => $"{e.By} banned {e.Mask} from the server{Reason(e.Reason)}",
        _ => null,
    };

    /// <summary>A reason in parentheses after a space, or nothing.</summary>
    public static string Reason(string? reason) => string.IsNullOrEmpty(reason) ? "" : $" ({reason})";

    private static string Mode(RoomModeEvent e) => e.Mode switch
    {
        RoomModes.Registered => $"{e.By} registered #{e.Room}: {e.Target} owns it",
        RoomModes.Op => $"{e.By} made {e.Target} an operator of #{e.Room}",
        RoomModes.Deop => $"{e.By} took operator rights in #{e.Room} from {e.Target}",
        RoomModes.Ban => $"{e.By} banned {e.Target} from #{e.Room}",
        RoomModes.Unban => $"{e.By} lifted the ban on {e.Target} in #{e.Room}",
        RoomModes.Mute when e.Until is { } until => $"{e.By} muted {e.Target} in #{e.Room} until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC",
        RoomModes.Mute => $"{e.By} muted {e.Target} in #{e.Room}",
        RoomModes.Unmute => $"{e.By} unmuted {e.Target} in #{e.Room}",
        RoomModes.Voice => $"{e.By} gave {e.Target} a voice in #{e.Room}",
        RoomModes.Devoice => $"{e.By} took {e.Target}'s voice in #{e.Room}",
        RoomModes.Invite => $"{e.By} invited {e.Target} to #{e.Room}",
        RoomModes.InviteOnly => $"{e.By} made #{e.Room} invite-only",
        RoomModes.NotInviteOnly => $"{e.By} opened #{e.Room} to everyone",
        RoomModes.Keyed => $"{e.By} set a key on #{e.Room}",
        RoomModes.NotKeyed => $"{e.By} removed the key of #{e.Room}",
        RoomModes.Moderated => $"{e.By} made #{e.Room} moderated",
        RoomModes.NotModerated => $"{e.By} made #{e.Room} unmoderated",
        RoomModes.TopicLocked => $"{e.By} locked the topic of #{e.Room}",
        RoomModes.TopicUnlocked => $"{e.By} unlocked the topic of #{e.Room}",
        _ => $"{e.By} set {e.Mode} on #{e.Room}{(e.Target is null ? "" : " for " + e.Target)}",
    };

    private static string Account(AccountEvent e) => e.Status switch
    {
        AccountStatus.Registered => $"The name {e.Name} is now registered to you.",
        AccountStatus.LoggedIn => $"You are logged in as {e.Name}.",
        AccountStatus.PasswordChanged => "Your password has been changed.",
        AccountStatus.LoginRequired =>
            $"{e.Name} is a registered name: /login {e.Name} PASSWORD within {e.Seconds} seconds, or you will be renamed.",
        _ => $"Account {e.Name}: {e.Status}",
    };
}
