using System.Text.Json.Serialization;

namespace Chat.Handlers.Events;

/// <summary>
/// Direct messages between two accounts, <paramref name="From"/> the sender's. History keeps them under
/// <see cref="Key"/>, the same whichever of the two sends, which no room name can take ('@' is not allowed in one).
/// </summary>
public sealed record DirectConversation(string From, string To)
{
    [JsonIgnore]
    public string Key => string.Compare(From, To, StringComparison.OrdinalIgnoreCase) <= 0
        ? $"@{From.ToLowerInvariant()}@{To.ToLowerInvariant()}"
        : $"@{To.ToLowerInvariant()}@{From.ToLowerInvariant()}";

    /// <summary>The other account of a conversation <paramref name="key"/>, seen from <paramref name="account"/>.</summary>
    public static string Other(string key, string account)
    {
        var parts = key.Split('@', StringSplitOptions.RemoveEmptyEntries);
        return string.Equals(parts[0], account, StringComparison.OrdinalIgnoreCase) ? parts[^1] : parts[0];
    }
}
