using System.Diagnostics.Metrics;

namespace Chat.Handlers.History;

/// <summary>History's instruments, on the server's meter <c>ChatApp</c> (docs/OPERATIONS.md).</summary>
public sealed class HistoryMetrics
{
    public const string MeterName = "ChatApp";

    private readonly Counter<long> _appended;
    private readonly Counter<long> _appendFailures;
    private readonly Counter<long> _readFailures;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _writeDuration;

    public HistoryMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _appended = meter.CreateCounter<long>("chat.history.appended", "{entry}",
            "Room messages, actions and topic changes committed to history.");
        _appendFailures = meter.CreateCounter<long>("chat.history.append_failures", "{entry}",
            "Events not committed to history, and so refused to their senders (history_write_failed).");
        _readFailures = meter.CreateCounter<long>("chat.history.read_failures", "{read}",
            "Scrollbacks and history pages that could not be read.");
        _batchSize = meter.CreateHistogram("chat.history.write.batch_size", "{entry}",
            "Appends committed together in one transaction (group commit).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });
        _writeDuration = meter.CreateHistogram("chat.history.write.duration", "s",
            "Time to write and commit one batch of appends.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
    }

    public void Appended() => _appended.Add(1);

    public void AppendFailed() => _appendFailures.Add(1);

    public void ReadFailed() => _readFailures.Add(1);

    public void BatchWritten(int entries, TimeSpan duration)
    {
        _batchSize.Record(entries);
        _writeDuration.Record(duration.TotalSeconds);
    }
}
