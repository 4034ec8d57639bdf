using System.Globalization;

namespace Chat.Bench;

/// <summary>
/// What became of the client of <c>burst-stalled</c> that stops reading: null <see cref="CutAfter"/> when the
/// server did not close it within the timeout; <see cref="Error"/> is the error it was sent, when that arrived.
/// </summary>
public sealed record StalledReaderResult(bool Connected, TimeSpan? CutAfter, string? Error);

/// <summary>The figures of one run of a scenario, and its one summary line.</summary>
public sealed record RunResult
{
    public required string Scenario { get; init; }

    public required ScenarioKind Kind { get; init; }

    public required WireMode Mode { get; init; }

    public required BenchTarget Target { get; init; }

    public required int Clients { get; init; }

    public required int Connected { get; init; }

    public required int Dropped { get; init; }

    /// <summary>Why the dropped clients were closed: the error code each was sent (or "no error line"), with counts.</summary>
    public string? DropReasons { get; init; }

    /// <summary>Null unless the scenario has a client that stops reading.</summary>
    public StalledReaderResult? Stalled { get; init; }

    public required TimeSpan ConnectTime { get; init; }

    public long Expected { get; init; }

    public long Delivered { get; init; }

    /// <summary>From the first send to the last delivery.</summary>
    public TimeSpan DeliveryTime { get; init; }

    public double P50Ms { get; init; } = double.NaN;

    public double P99Ms { get; init; } = double.NaN;

    public double P999Ms { get; init; } = double.NaN;

    /// <summary>Server RSS before the clients connected, and once they are all connected and the server is quiet.</summary>
    public long? RssBeforeBytes { get; init; }

    public long? RssConnectedBytes { get; init; }

    /// <summary>Server CPU time spent while messages were delivered.</summary>
    public TimeSpan? ServerCpu { get; init; }

    /// <summary>This load generator's own CPU time over the same period: on one machine it competes with the server.</summary>
    public TimeSpan? BenchCpu { get; init; }

    public string? FirstError { get; init; }

    public double DeliveriesPerSecond { get; init; }

    public double? BytesPerConnection => RssConnectedBytes - RssBeforeBytes is { } grown ? (double)grown / Math.Max(1, Connected) : null;

    /// <summary>A message lost, a client not held, or a stalled client the server kept.</summary>
    public bool Failed => Delivered < Expected || Connected < Clients || Dropped > 0 || Stalled is { CutAfter: null };

    public override string ToString()
    {
        var target = Target == BenchTarget.Reference ? " reference" : "";
        var line = new List<string> { $"{Scenario} {Mode.ToString().ToLowerInvariant()}{target}:" };
        if (Expected > 0)
        {
            line.Add(F($"delivered {Delivered:N0}/{Expected:N0} in {DeliveryTime.TotalSeconds:0.000}s = {DeliveriesPerSecond:N0}/s,"));
            line.Add(F($"latency p50 {P50Ms:0.00} p99 {P99Ms:0.00} p99.9 {P999Ms:0.00} ms,"));
        }

        line.Add(F($"connected {Connected:N0}/{Clients:N0} in {ConnectTime.TotalSeconds:0.00}s, dropped {Dropped}")
            + (DropReasons is null ? "," : $" ({DropReasons}),"));
        if (Stalled is { } stalled)
        {
            line.Add(stalled switch
            {
                { Connected: false } => "stalled reader not connected,",
                { CutAfter: null } => "stalled reader NOT cut,",
                { CutAfter: { } after } => F($"stalled reader cut after {after.TotalSeconds:0.00}s ({stalled.Error ?? "no error line read"}),"),
            });
        }

        if (RssConnectedBytes is { } rss)
        {
            // Memory per connection means something only for a run that holds idle connections on a fresh server.
            line.Add(Kind switch
            {
                ScenarioKind.Idle => F($"server rss {rss / 1048576.0:0.0} MB (+{(rss - RssBeforeBytes!.Value) / 1048576.0:0.0} MB, {BytesPerConnection / 1024:0.0} KB/conn),"),
                ScenarioKind.Connect => F($"server rss {RssBeforeBytes!.Value / 1048576.0:0.0} MB before, {rss / 1048576.0:0.0} MB after,"),
                _ => F($"server rss {rss / 1048576.0:0.0} MB,"),
            });
        }

        if (ServerCpu is { } cpu && Delivered > 0)
        {
            line.Add(F($"server cpu {cpu.TotalSeconds:0.00}s ({cpu.TotalMicroseconds * 1000 / Delivered:0} ns/delivery),"));
        }

        if (BenchCpu is { } benchCpu)
        {
            line.Add(F($"bench cpu {benchCpu.TotalSeconds:0.00}s,"));
        }

        if (FirstError is not null)
        {
            line.Add($"first error: {FirstError}");
        }

        return string.Join(' ', line).TrimEnd(',');
    }

    /// <summary>Each figure's median over several runs of one scenario.</summary>
    public static RunResult Median(IReadOnlyList<RunResult> runs) => runs[0] with
    {
        Scenario = runs[0].Scenario + $" median of {runs.Count}",
        Connected = (int)Median(runs, r => r.Connected),
        Dropped = (int)Median(runs, r => r.Dropped),
        DropReasons = runs.Select(r => r.DropReasons).FirstOrDefault(d => d is not null),
        Stalled = runs[0].Stalled is null ? null : runs.Select(r => r.Stalled!).FirstOrDefault(s => s.CutAfter is null) ?? runs[0].Stalled! with
        {
            CutAfter = TimeSpan.FromSeconds(Median(runs, r => r.Stalled!.CutAfter!.Value.TotalSeconds)),
            Error = runs.Select(r => r.Stalled!.Error).FirstOrDefault(e => e is not null),
        },
        ConnectTime = TimeSpan.FromSeconds(Median(runs, r => r.ConnectTime.TotalSeconds)),
        Delivered = (long)Median(runs, r => r.Delivered),
        DeliveryTime = TimeSpan.FromSeconds(Median(runs, r => r.DeliveryTime.TotalSeconds)),
        DeliveriesPerSecond = Median(runs, r => r.DeliveriesPerSecond),
        P50Ms = Median(runs, r => r.P50Ms),
        P99Ms = Median(runs, r => r.P99Ms),
        P999Ms = Median(runs, r => r.P999Ms),
        RssBeforeBytes = runs[0].RssBeforeBytes is null ? null : (long)Median(runs, r => r.RssBeforeBytes!.Value),
        RssConnectedBytes = runs[0].RssConnectedBytes is null ? null : (long)Median(runs, r => r.RssConnectedBytes!.Value),
        ServerCpu = runs[0].ServerCpu is null ? null : TimeSpan.FromSeconds(Median(runs, r => r.ServerCpu!.Value.TotalSeconds)),
        BenchCpu = runs[0].BenchCpu is null ? null : TimeSpan.FromSeconds(Median(runs, r => r.BenchCpu!.Value.TotalSeconds)),
        FirstError = runs.Select(r => r.FirstError).FirstOrDefault(e => e is not null),
    };

    private static double Median(IReadOnlyList<RunResult> runs, Func<RunResult, double> figure)
    {
        var sorted = runs.Select(figure).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
