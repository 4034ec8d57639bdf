using System.Diagnostics.Metrics;

namespace Chat.Handlers.History;

/// <summary>History's instruments, on the server's meter <c>ChatApp</c> (docs/OPERATIONS.md).</summary>
public sealed class HistoryMetrics
{
    public const string MeterName = "ChatApp";

    private readonly Counter<long> _appended;
    private readonly Counter<long> _appendFailures;
    private readonly Counter<long> _readFailures;

    public HistoryMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _appended = meter.CreateCounter<long>("chat.history.appended", "{entry}",
            "Room messages, actions and topic changes committed to history.");
        _appendFailures = meter.CreateCounter<long>("chat.history.append_failures", "{entry}",
            "Events not committed to history, and so refused to their senders (history_write_failed).");
        _readFailures = meter.CreateCounter<long>("chat.history.read_failures", "{read}",
            "Scrollbacks and history pages that could not be read.");
    }

    public void Appended() => _appended.Add(1);

    public void AppendFailed() => _appendFailures.Add(1);

    public void ReadFailed() => _readFailures.Add(1);
}
