using System.Threading.RateLimiting;

namespace Chat.Handlers.Sessions;

/// <summary>
/// A token bucket that refills continuously as its caller takes from it: no timer per connection. Holds
/// <c>limit</c> tokens and regains <c>perPeriod</c> of them every <c>period</c>.
/// </summary>
/// <remarks>
/// Built on <see cref="TokenBucketRateLimiter"/> without auto-replenishment, which refills by elapsed time on the
/// system clock when <see cref="TokenBucketRateLimiter.TryReplenish"/> is called. It owns no timer, so it needs no
/// disposal when its session ends.
/// </remarks>
internal sealed class Allowance(int limit, int perPeriod, TimeSpan period)
{
    private readonly TokenBucketRateLimiter _bucket = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = limit,
        TokensPerPeriod = perPeriod,
        ReplenishmentPeriod = period,
        AutoReplenishment = false,
        QueueLimit = 0,
    });

    /// <summary>Takes <paramref name="tokens"/> (at most the bucket's limit) if they are there.</summary>
    public bool TryTake(int tokens = 1)
    {
        _bucket.TryReplenish();
        using var lease = _bucket.AttemptAcquire(tokens);
        return lease.IsAcquired;
    }
}
