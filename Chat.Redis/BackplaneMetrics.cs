using System.Diagnostics;
using System.Diagnostics.Metrics;
using Chat.Handlers.Hosting;

namespace Chat.Redis;

/// <summary>
/// The backplane's instruments on the server's meter <c>ChatApp</c> (docs/OPERATIONS.md): every round trip this node
/// makes to Redis, by operation, its latency, and those that failed. The operation tag comes from a fixed set
/// (<see cref="RedisConnection"/>'s callers name it).
/// </summary>
public sealed class BackplaneMetrics
{
    private readonly Counter<long> _roundTrips;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _duration;

    public BackplaneMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(ChatMetrics.MeterName);
        _roundTrips = meter.CreateCounter<long>("chat.backplane.round_trips", "{round_trip}",
            "Commands and scripts sent to Redis, answered or not, by operation (publish, join, claim, who, history...).");
        _failures = meter.CreateCounter<long>("chat.backplane.failures", "{round_trip}",
            "Round trips to Redis that failed (unreachable, timed out, refused), by operation.");
        _duration = meter.CreateHistogram("chat.backplane.duration", "s",
            "Time from sending a command or script to Redis to its answer, by operation.",
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
            });
    }

    public void Answered(string operation, long startedTimestamp)
    {
        var tag = new KeyValuePair<string, object?>("operation", operation);
        _roundTrips.Add(1, tag);
        _duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tag);
    }

    public void Failed(string operation)
    {
        var tag = new KeyValuePair<string, object?>("operation", operation);
        _roundTrips.Add(1, tag);
        _failures.Add(1, tag);
    }
}
