using System.Buffers;
using System.Globalization;
using System.Text;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Line;

/// <summary>
/// Plain text lines for people on <c>nc</c> or <c>telnet</c>: server notices start with <c>***</c>, errors with
/// <c>!!!</c>, chat lines name their room.
/// </summary>
public sealed class TextFormat : WireFormat
{
    public static TextFormat Instance { get; } = new();

    private TextFormat()
    {
    }

    public override bool EchoesOwnMessages => false;

    public override bool AnswersPings => false;

    public override void WriteMessage(ServerEvent message, IBufferWriter<byte> output) => Encoding.UTF8.GetBytes(Render(message), output);

    /// <summary>The text lines of an event, each ended by LF.</summary>
    public static string Render(ServerEvent serverEvent) => serverEvent switch
    {
        WelcomeEvent e => $"*** Welcome, {e.Name}! You are in #{e.Room}. Type /help for commands.\n",
        MessageEvent { To: not null } e => $"*{e.From} -> {e.To}* {Body(e)}\n",
        MessageEvent e => $"#{e.Room} <{e.From}> {Body(e)}\n",
        ActionEvent e => $"#{e.Room} * {e.From} {e.Text}\n",
        JoinEvent e => $"*** {e.Name} joined #{e.Room}\n",
        LeaveEvent e => $"*** {e.Name} left #{e.Room}{Reason(e.Reason)}\n",
        QuitEvent e => $"*** {e.Name} quit{Reason(e.Reason)}\n",
        NickEvent e => $"*** {e.OldName} is now known as {e.NewName}\n",
        TopicEvent { Topic: null or "", By: not null } e => $"*** {e.By} cleared the topic of #{e.Room}\n",
        TopicEvent { Topic: null } e => $"*** #{e.Room} has no topic\n",
        TopicEvent { By: not null } e => $"*** {e.By} set the topic of #{e.Room}: {e.Topic}\n",
        TopicEvent e => $"*** Topic of #{e.Room}: {e.Topic}\n",
        HistoryEvent e => History(e),
        WhoEvent e => $"*** #{e.Room} ({e.Members.Count}): {Members(e)}\n",
        RoomsEvent e => Lines($"Rooms ({e.Rooms.Count}):", e.Rooms.Select(r => $"  #{r.Name} ({r.Members}){(r.Topic is null ? "" : " - " + r.Topic)}")),
        HelpEvent { Commands: [var one] } => $"*** {Usage(one)}\n",
        HelpEvent e => Lines("Commands:", e.Commands.Select(c => "  " + Usage(c))),
        CurrentRoomEvent e => $"*** {CurrentRoomText(e)}\n",
        GoodbyeEvent => $"*** {GoodbyeText}\n",
        InfoEvent e => $"*** {e.Text}\n",
        ChatError e => $"!!! {ErrorText.Render(e)}\n",
        PingEvent => "*** ping\n",
        ShutdownEvent e => $"*** Server shutting down: {e.Reason}\n",
        AccountEvent e => $"*** {AccountText(e)}\n",
        KickEvent e => $"*** {e.By} kicked {e.Name} from #{e.Room}{Reason(e.Reason)}\n",
        RoomModeEvent e => $"*** {ModeText(e)}{Reason(e.Reason)}\n",
        KillEvent e => $"*** {e.By} disconnected {e.Name}{Reason(e.Reason)}\n",
        AnnouncementEvent e => $"*** Announcement from {e.By}: {e.Text}\n",
        ServerBanEvent { Lifted: true } e => $"*** {e.By} lifted the server ban on {e.Mask}\n",
        ServerBanEvent e => $"*** {e.By} banned {e.Mask} from the server{Reason(e.Reason)}\n",
        _ => throw new ArgumentOutOfRangeException(nameof(serverEvent), serverEvent.GetType().Name, "No text form."),
    };

    internal const string GoodbyeText = "Goodbye!";

    private static string ModeText(RoomModeEvent e) => e.Mode switch
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

    private static string AccountText(AccountEvent e) => e.Status switch
    {
        AccountStatus.Registered => $"The name {e.Name} is now registered to you.",
        AccountStatus.LoggedIn => $"You are logged in as {e.Name}.",
        AccountStatus.PasswordChanged => "Your password has been changed.",
        AccountStatus.LoginRequired =>
            $"{e.Name} is a registered name: /login {e.Name} PASSWORD within {e.Seconds} seconds, or you will be renamed.",
        _ => $"Account {e.Name}: {e.Status}",
    };

    internal static string CurrentRoomText(CurrentRoomEvent e) =>
        e.Room is null ? "You are in no room; /join one to talk." : $"You are now talking in #{e.Room}.";

    /// <summary>
    /// A room's earlier messages between two marker lines, each with its time (UTC; with the date when it is not the
    /// day of the page's newest), and how to ask for older ones.
    /// </summary>
    private static string History(HistoryEvent e)
    {
        // A conversation is named by the other account, which is also how /history asks for it.
        var (where, ask) = e.With is { } with ? ($"with {with}", with) : ($"in #{e.Room}", "#" + e.Room);
        if (e.Messages.Count == 0)
        {
            return $"*** No earlier messages {where}.\n";
        }

        var text = new StringBuilder($"*** Earlier {where} (times in UTC):\n");
        var newestDay = TimeOf(e.Messages[^1]).UtcDateTime.Date;
        foreach (var message in e.Messages)
        {
            var time = TimeOf(message).UtcDateTime;
            text.Append('[').Append(time.ToString(time.Date == newestDay ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
                .Append("] ").Append(Render(message));
        }

        return e.More
            ? text.Append($"*** End of earlier messages; older ones: /history {ask} before {IdOf(e.Messages[0])}\n").ToString()
            : text.Append($"*** End of earlier messages {where}.\n").ToString();
    }

    private static DateTimeOffset TimeOf(ServerEvent e) => e switch
    {
        MessageEvent m => m.Ts,
        ActionEvent a => a.Ts,
        TopicEvent t => t.Ts ?? default,
        _ => default,
    };

    private static long IdOf(ServerEvent e) => e switch
    {
        MessageEvent m => m.Id,
        ActionEvent a => a.Id,
        TopicEvent t => t.Id ?? 0,
        _ => 0,
    };

    /// <summary>
    /// Text users never get binary: a payload (or what history kept of one) becomes one summary line. Its type shows as
    /// <c>type/subtype</c> only: a parameter is free text that could pose as the rest of the line.
    /// </summary>
    private static string Body(MessageEvent e) => e.ContentType is null
        ? e.Text
        : $"sent {e.Name ?? "a file"} ({e.ContentType?.Split(';', 2)[0].Trim()}, {FormatSize(e.Size ?? 0)}){(e.Text.Length > 0 ? ": " + e.Text : "")}";

    private static string Usage(CommandInfo command) => $"{command.Usage} - {command.Help}";

    private static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };

    /// <summary>The member list, with users on TLS marked <c>(tls)</c>, operators <c>@</c> and voiced members <c>+</c>.</summary>
    private static string Members(WhoEvent e)
    {
        var secure = e.Secure?.ToHashSet(StringComparer.Ordinal) ?? [];
        var operators = e.Operators?.ToHashSet(StringComparer.Ordinal) ?? [];
        var voiced = e.Voiced?.ToHashSet(StringComparer.Ordinal) ?? [];
        return string.Join(", ", e.Members.Select(m =>
            (operators.Contains(m) ? "@" : voiced.Contains(m) ? "+" : "") + m + (secure.Contains(m) ? " (tls)" : "")));
    }

    private static string Reason(string? reason) => string.IsNullOrEmpty(reason) ? "" : $" ({reason})";

    private static string Lines(string title, IEnumerable<string> items)
    {
        var text = new StringBuilder("*** ").Append(title).Append('\n');
        foreach (var item in items)
        {
            text.Append("*** ").Append(item).Append('\n');
        }

        return text.ToString();
    }
}
