using System.Numerics;

namespace Chat.Bench;

/// <summary>
/// Latencies in microseconds, log-linear buckets (exact below 128 µs, then 64 buckets per power of two, so
/// within 1.6%). Fixed size whatever the sample count; one per receiving client, merged at the end.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Linear = 128;
    private const int SubBuckets = 64;
    private const int MaxExponent = 40;

    private readonly long[] _counts = new long[Linear + MaxExponent * SubBuckets];

    public long Count { get; private set; }

    public void Record(long microseconds)
    {
        _counts[IndexOf(Math.Max(0, microseconds))]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The value below which <paramref name="percentile"/> percent of samples fall (bucket upper bound).</summary>
    public double PercentileMicroseconds(double percentile)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(Count * percentile / 100);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= Math.Max(rank, 1))
            {
                return UpperBound(i);
            }
        }

        return UpperBound(_counts.Length - 1);
    }

    private static int IndexOf(long value)
    {
        if (value < Linear)
        {
            return (int)value;
        }

        var exponent = Math.Min(BitOperations.Log2((ulong)value) - 6, MaxExponent);
        var sub = (int)Math.Min(value >> exponent, 2 * SubBuckets - 1) - SubBuckets;
        return Linear + (exponent - 1) * SubBuckets + sub;
    }

    private static double UpperBound(int index)
    {
        if (index < Linear)
        {
            return index;
        }

        var exponent = (index - Linear) / SubBuckets + 1;
        var sub = (index - Linear) % SubBuckets + SubBuckets;
        return ((long)(sub + 1) << exponent) - 1;
    }
}
