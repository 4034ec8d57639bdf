using Chat.Protocol;

namespace Chat.Handlers.Fronts;

/// <summary>
/// Events as the fronts without IRC formatting show them. Chat text in the core may carry IRC formatting codes
/// (<see cref="ContentSanitizer.SanitizeChat"/> keeps them for IRC users); text and JSON users get it without them.
/// </summary>
internal static class PlainText
{
    /// <summary>The event with formatting stripped from its chat text; the same instance when there was none.</summary>
    public static ServerEvent Strip(ServerEvent serverEvent) => serverEvent switch
    {
        MessageEvent e when Stripped(e.Text, out var text) => e with { Text = text },
        ActionEvent e when Stripped(e.Text, out var text) => e with { Text = text },
        TopicEvent { Topic: { } topic } e when Stripped(topic, out var text) => e with { Topic = text },
        LeaveEvent { Reason: { } reason } e when Stripped(reason, out var text) => e with { Reason = text },
        QuitEvent { Reason: { } reason } e when Stripped(reason, out var text) => e with { Reason = text },
        KickEvent { Reason: { } reason } e when Stripped(reason, out var text) => e with { Reason = text },
        HistoryEvent e when e.Messages.Any(m => !ReferenceEquals(Strip(m), m)) => e with { Messages = [.. e.Messages.Select(Strip)] },
        RoomsEvent e when e.Rooms.Any(r => r.Topic is { } topic && Stripped(topic, out _)) =>
            e with { Rooms = [.. e.Rooms.Select(r => r.Topic is null ? r : r with { Topic = IrcFormatting.Strip(r.Topic) })] },
        _ => serverEvent,
    };

    private static bool Stripped(string text, out string plain)
    {
        plain = IrcFormatting.Strip(text);
        return !ReferenceEquals(plain, text);
    }
}
