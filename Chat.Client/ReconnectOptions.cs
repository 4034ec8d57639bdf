namespace Chat.Client;

/// <summary>
/// Exponential backoff between reconnect attempts: <see cref="InitialDelay"/>, doubled per failed attempt up
/// to <see cref="MaxDelay"/>, each delay shortened by up to <see cref="Jitter"/> so that many clients of a
/// restarted server do not all come back in the same instant.
/// </summary>
public sealed record ReconnectOptions
{
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fraction (0 to 1) of each delay that is randomly taken off.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>The wait before attempt <paramref name="attempt"/> (1 for the first); <paramref name="random"/> is in [0, 1).</summary>
    public TimeSpan DelayFor(int attempt, double random)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ticks = Math.Min(InitialDelay.Ticks * Math.Pow(2, exponent), MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (1 - Jitter * random)));
    }

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InitialDelay, TimeSpan.Zero, nameof(InitialDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, InitialDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfNegative(Jitter, nameof(Jitter));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Jitter, 1, nameof(Jitter));
    }
}
