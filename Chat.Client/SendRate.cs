namespace Chat.Client;

/// <summary>
/// How fast the client sends: <see cref="Burst"/> lines at once, then <see cref="PerSecond"/> a second. The
/// defaults stay under the server's default flood limit (10 at once, 5 a second; the name takes one), so a
/// script piping many lines is paced instead of having lines dropped.
/// </summary>
public sealed record SendRate(int Burst = 8, int PerSecond = 5)
{
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Burst, 1, nameof(Burst));
        ArgumentOutOfRangeException.ThrowIfLessThan(PerSecond, 1, nameof(PerSecond));
    }
}
