namespace Chat.Handlers.Moderation;

/// <summary>Where server-wide bans live.</summary>
public interface IServerBanStore
{
    /// <summary>Every ban's mask text, read once at start.</summary>
    IReadOnlyList<string> LoadAll();

    ValueTask AddAsync(string mask);

    ValueTask RemoveAsync(string mask);
}

/// <summary>Server bans for as long as the process lives.</summary>
public sealed class InMemoryServerBanStore : IServerBanStore
{
    public IReadOnlyList<string> LoadAll() => [];

    public ValueTask AddAsync(string mask) => ValueTask.CompletedTask;

    public ValueTask RemoveAsync(string mask) => ValueTask.CompletedTask;
}
