using Chat.Protocol;

namespace Chat.Client.Bots;

/// <summary>
/// Remembers, per name, the last thing each user was seen doing in the bot's rooms. Holds at most
/// <paramref name="capacity"/> names, forgetting the longest-unseen first.
/// </summary>
public sealed class SeenTracker(TimeProvider time, int capacity = 10_000)
{
    private const int MaxQuoteLength = 80;

    private readonly Dictionary<string, Sighting> _sightings = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _sightings.Count;

    public void Observe(ServerEvent serverEvent)
    {
        switch (serverEvent)
        {
            case MessageEvent { Room: { } room } e:
                Record(e.From, $"saying \"{Quote(e.Text)}\" in #{room}");
                break;
            case ActionEvent e:
                Record(e.From, $"in #{e.Room}: * {e.From} {Quote(e.Text)}");
                break;
            case JoinEvent e:
                Record(e.Name, $"joining #{e.Room}");
                break;
            case LeaveEvent e:
                Record(e.Name, $"leaving #{e.Room}");
                break;
            case QuitEvent e:
                Record(e.Name, string.IsNullOrEmpty(e.Reason) ? "quitting" : $"quitting ({Quote(e.Reason)})");
                break;
            case NickEvent e:
                Record(e.OldName, $"changing name to {e.NewName}");
                Record(e.NewName, $"changing name from {e.OldName}");
                break;
        }
    }

    /// <summary>The answer to <paramref name="asker"/>'s <c>!seen <paramref name="name"/></c>.</summary>
    public string Describe(string name, string asker)
    {
        if (StringComparer.OrdinalIgnoreCase.Equals(name, asker))
        {
            return $"That's you, {asker}!";
        }

        if (!_sightings.TryGetValue(name, out var sighting))
        {
            return $"I haven't seen {name}.";
        }

        return $"{sighting.Name} was last seen {Ago(time.GetUtcNow() - sighting.At)}, {sighting.Doing}.";
    }

    private void Record(string name, string doing)
    {
        _sightings[name] = new Sighting(name, time.GetUtcNow(), doing);
        if (_sightings.Count > capacity)
        {
            _sightings.Remove(_sightings.Values.MinBy(s => s.At)!.Name);
        }
    }

    private static string Quote(string text) => text.Length <= MaxQuoteLength ? text : text[..MaxQuoteLength] + "…";

    private static string Ago(TimeSpan elapsed) => elapsed switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalHours: < 1 } => Plural((int)elapsed.TotalMinutes, "minute") + " ago",
        { TotalDays: < 1 } => Plural((int)elapsed.TotalHours, "hour") + " ago",
        _ => Plural((int)elapsed.TotalDays, "day") + " ago",
    };

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";

    private sealed record Sighting(string Name, DateTimeOffset At, string Doing);
}
