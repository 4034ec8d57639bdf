using System.Diagnostics;

namespace Chat.Handlers.Sessions;

/// <summary>
/// A token bucket that refills continuously as its caller takes from it: no timer, no lock and no allocation per
/// call. Holds <c>limit</c> tokens and regains <c>perPeriod</c> of them every <c>period</c>.
/// </summary>
/// <remarks>
/// Used from one session's read loop only. Two fields instead of a <c>TokenBucketRateLimiter</c> (its options, lock
/// and a lease per call): every connection holds two or three of these (docs/BENCHMARKS.md, idle-10k).
/// </remarks>
internal sealed class Allowance(int limit, int perPeriod, TimeSpan period)
{
    private readonly double _refillPerTimestamp = perPeriod / (period.TotalSeconds * Stopwatch.Frequency);
    private double _tokens = limit;
    private long _last = Stopwatch.GetTimestamp();

    /// <summary>Takes <paramref name="tokens"/> (at most the bucket's limit) if they are there.</summary>
    public bool TryTake(int tokens = 1)
    {
        var now = Stopwatch.GetTimestamp();
        _tokens = Math.Min(limit, _tokens + (now - _last) * _refillPerTimestamp);
        _last = now;
        tokens = Math.Min(tokens, limit);
        if (_tokens < tokens)
        {
            return false;
        }

        _tokens -= tokens;
        return true;
    }
}
