namespace Chat.Client.Bots;

/// <summary>How a <see cref="ChatBot"/> behaves on top of its connection.</summary>
public sealed record BotOptions
{
    /// <summary>Rooms to join after connecting, besides the server's default room; rejoined after a reconnect.</summary>
    public IReadOnlyList<string> Rooms { get; init; } = [];

    /// <summary>What starts a command in a message: <c>!roll 2d6</c>.</summary>
    public string CommandPrefix { get; init; } = "!";

    /// <summary>Replies sent at once before the rate limit applies.</summary>
    public int ReplyBurst { get; init; } = 5;

    /// <summary>After a burst, one more reply per interval.</summary>
    public TimeSpan ReplyInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Replies waiting for the rate limit; more are dropped (and logged), so a flood cannot grow memory.</summary>
    public int ReplyQueueLimit { get; init; } = 20;

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Rooms, nameof(Rooms));
        ArgumentException.ThrowIfNullOrWhiteSpace(CommandPrefix, nameof(CommandPrefix));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReplyBurst, 1, nameof(ReplyBurst));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReplyInterval, TimeSpan.Zero, nameof(ReplyInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReplyQueueLimit, 1, nameof(ReplyQueueLimit));
    }
}
