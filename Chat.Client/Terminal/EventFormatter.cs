using System.Globalization;
using Chat.Client.Files;
using Chat.Protocol;

namespace Chat.Client.Terminal;

/// <summary>
/// How the terminal client shows events, close to what <c>nc</c> users see in text mode. With
/// <c>compact</c> every event is one line (for scripts); otherwise lists take one line per item. A file is one
/// summary line, as <c>nc</c> users see it; with a <c>fileId</c> it also says how to save it.
/// </summary>
public static class EventFormatter
{
    public static IReadOnlyList<StyledLine> Format(ServerEvent serverEvent, bool compact, int? fileId = null) => serverEvent switch
    {
        PingEvent => [],
        WelcomeEvent e => [Notice("*** Welcome, ", Name(e.Name), Text($"! You are in #{e.Room} on {e.Server}. Type /help for commands."))],
        MessageEvent { To: { } to } e => [File(fileId, Line(Text("*"), Name(e.From), Text(" -> "), Name(to), Text("* " + Body(e))))],
        MessageEvent e => [File(fileId, Line(Text($"#{e.Room} <"), Name(e.From), Text("> " + Body(e))))],
        ActionEvent e => [Line(Text($"#{e.Room} * "), Name(e.From), Text(" " + e.Text))],
        JoinEvent e => [Notice("*** ", Name(e.Name), Text($" joined #{e.Room}"))],
        LeaveEvent e => [Notice("*** ", Name(e.Name), Text($" left #{e.Room}{Reason(e.Reason)}"))],
        QuitEvent e => [Notice("*** ", Name(e.Name), Text($" quit{Reason(e.Reason)}"))],
        NickEvent e => [Notice("*** ", Name(e.OldName), Text(" is now known as "), Name(e.NewName))],
        TopicEvent { Topic: null } e => [Notice($"*** #{e.Room} has no topic")],
        TopicEvent { By: { } by } e => [Notice("*** ", Name(by), Text($" set the topic of #{e.Room}: {e.Topic}"))],
        TopicEvent e => [Notice($"*** Topic of #{e.Room}: {e.Topic}")],
        HistoryEvent e => History(e, compact),
        WhoEvent e => [Notice([Text($"*** #{e.Room} ({e.Members.Count}): "), .. Names(e.Members, e.Secure ?? [])])],
        RoomsEvent e => List($"Rooms ({e.Rooms.Count}):", e.Rooms.Select(r => $"#{r.Name} ({r.Members}){(r.Topic is null ? "" : " - " + r.Topic)}"), compact),
        HelpEvent e => List("Commands:", e.Commands.Select(c => compact ? c.Usage : $"{c.Usage} - {c.Help}"), compact),
        InfoEvent e => [Notice("*** " + e.Text)],
        ErrorEvent e => [new StyledLine([new Span("!!! " + e.Message, Style.Error)])],
        ShutdownEvent e => [Notice($"*** Server shutting down: {e.Reason}")],
        DisconnectedEvent { RetryIn: { } delay, Attempt: 1 } e => [Notice($"*** Connection lost ({e.Reason}); reconnecting in {Duration(delay)}")],
        DisconnectedEvent { RetryIn: { } delay } e => [Notice($"*** Reconnect failed ({e.Reason}); trying again in {Duration(delay)} (attempt {e.Attempt})")],
        DisconnectedEvent e => [Notice($"*** Connection lost ({e.Reason})")],
        _ when NoticeText.Of(serverEvent) is { } notice => [Notice("*** " + notice)],
        _ => [Notice($"*** {serverEvent.GetType().Name}")],
    };

    /// <summary>When an event happened: the server's time for messages, <paramref name="now"/> for the rest.</summary>
    public static DateTimeOffset TimeOf(ServerEvent serverEvent, DateTimeOffset now) => serverEvent switch
    {
        MessageEvent e => e.Ts,
        ActionEvent e => e.Ts,
        TopicEvent { Ts: { } ts } => ts,
        _ => now,
    };

    /// <summary>The text, or for a file what it is: the name it would be saved under, its type and size, and the caption.</summary>
    /// <summary>A room's earlier messages between two notices, each stamped with its own time.</summary>
    private static IReadOnlyList<StyledLine> History(HistoryEvent e, bool compact) => e.Messages.Count == 0
        ? [Notice($"*** No earlier messages in #{e.Room}")]
        :
        [
            Notice($"*** Earlier in #{e.Room}:"),
            .. e.Messages.SelectMany(message => Format(message, compact)
                .Select(line => line.Prepend(new Span($"[{TimeOf(message, default).ToLocalTime():HH:mm}] ", Style.Time)))),
            Notice(e.More && IdOf(e.Messages[0]) is { } first
                ? $"*** End of earlier messages; older ones: /history #{e.Room} before {first}"
                : $"*** End of earlier messages in #{e.Room}"),
        ];

    private static long? IdOf(ServerEvent serverEvent) => serverEvent switch
    {
        MessageEvent e => e.Id,
        ActionEvent e => e.Id,
        TopicEvent e => e.Id,
        _ => null,
    };

    // A payload history kept as metadata only has a type and no data.
    private static string Body(MessageEvent e) => e.Data is null && e.ContentType is null
        ? e.Text
        : $"sent {(e.Name is null ? "a file" : SafeFileName.Sanitize(e.Name, e.ContentType))} ({e.ContentType ?? "text/plain"}, " +
          $"{ByteSize.Format(e.Size ?? 0)}){(e.Text.Length > 0 ? ": " + e.Text : "")}";

    private static StyledLine File(int? id, StyledLine line) => id is { } n
        ? new([new Span($"[{n}] ", Style.Notice), .. line.Spans, new Span($" — /save {n}", Style.Notice)])
        : line;

    private static string Duration(TimeSpan delay) => delay < TimeSpan.FromSeconds(1)
        ? $"{delay.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
        : $"{delay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";

    private static string Reason(string? reason) => NoticeText.Reason(reason);

    private static IReadOnlyList<StyledLine> List(string title, IEnumerable<string> items, bool compact) => compact
        ? [Notice($"*** {title} {string.Join(", ", items)}")]
        : [Notice("*** " + title), .. items.Select(item => Notice("***   " + item))];

    /// <summary>Names separated by commas, those on TLS marked <c>(tls)</c> as the server marks them for <c>nc</c> users.</summary>
    private static IEnumerable<Span> Names(IEnumerable<string> names, IReadOnlyList<string> secure) =>
        names.SelectMany((name, i) => (i == 0 ? new[] { Name(name) } : [Text(", "), Name(name)])
            .Concat(secure.Contains(name, StringComparer.Ordinal) ? [Text(" (tls)")] : []));

    private static Span Text(string text) => new(text);

    private static Span Name(string name) => new(name, Style.Name);

    private static StyledLine Line(params Span[] spans) => new(spans);

    private static StyledLine Notice(string text) => new([new Span(text, Style.Notice)]);

    /// <summary>A notice: its plain parts dimmed, names still in their colours.</summary>
    private static StyledLine Notice(params IEnumerable<Span> spans) =>
        new([.. spans.Select(s => s.Style == Style.Plain ? s with { Style = Style.Notice } : s)]);

    private static StyledLine Notice(string first, params Span[] rest) => Notice([Text(first), .. rest]);
}
