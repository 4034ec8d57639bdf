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
        _ when NoticeText.Of(serverEvent) is { } notice => $"*** {notice}\n",
        _ => throw new ArgumentOutOfRangeException(nameof(serverEvent), serverEvent.GetType().Name, "No text form."),
    };

    internal const string GoodbyeText = "Goodbye!";

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

    private static string Reason(string? reason) => NoticeText.Reason(reason);

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
