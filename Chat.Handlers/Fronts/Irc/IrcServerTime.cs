using System.Globalization;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>The IRCv3 <c>server-time</c> tag: when the server saw the message, in UTC with milliseconds.</summary>
public static class IrcServerTime
{
    public const string TagKey = "time";

    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";
    private const int Length = 24;

    /// <summary><c>2026-11-29T15:04:05.123Z</c>.</summary>
    public static string ToTagValue(DateTimeOffset time) =>
        string.Create(Length, time.UtcDateTime, static (value, utc) =>
            utc.TryFormat(value, out _, Format, CultureInfo.InvariantCulture));

    /// <summary>The tag itself, for <see cref="IrcMessage.Tags"/>.</summary>
    public static IrcTag ToTag(DateTimeOffset time) => new(TagKey, ToTagValue(time));
}
