using System.Globalization;

namespace Chat.Handlers.Moderation;

/// <summary>A mute's length as typed: a whole number and a unit, <c>90s</c>, <c>10m</c>, <c>2h</c> or <c>7d</c>.</summary>
public static class MuteDuration
{
    /// <summary>The longest mute with a duration; a longer one is refused (a mute without one lasts until lifted).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(366);

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count == 0 || count > Max.TotalSeconds)
        {
            return false;
        }

        duration = char.ToLowerInvariant(text[^1]) switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            _ => TimeSpan.Zero,
        };
        return duration > TimeSpan.Zero && duration <= Max;
    }
}
