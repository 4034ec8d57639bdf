using System.Diagnostics;
using System.Net;

namespace Chat.Bench;

/// <summary>
/// Runs one scenario: connect and register every client (a bounded number at a time), wait until the server
/// is quiet, let the senders go, wait for every expected delivery (or a stall, or the timeout), then close everything.
/// </summary>
public sealed class ScenarioRunner(BenchOptions options)
{
    /// <summary>The server counts as quiet once no client has received a line for this long.</summary>
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(300);

    /// <summary>How long deliveries may stop, once every sender is done, before the run counts what it has.</summary>
    private static readonly TimeSpan StallPeriod = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    private readonly IPEndPoint[] _nodes = [.. new[] { options.Port, options.ClusterPort ?? options.Port }
        .Select(port => new IPEndPoint(IPAddress.Parse(options.Host), port))];
    private readonly ServerProcess? _process = options.ServerPid is { } pid ? new ServerProcess(pid) : null;

    public async Task<RunResult> RunAsync(Scenario scenario)
    {
        var mode = scenario.Mode ?? options.Mode;
        var wire = new WireLines(mode, options.Target);
        var tag = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6];
        var room = scenario.Kind == ScenarioKind.Messages && wire.HasRooms ? "bench-" + tag : null;
        var awaitOwnJoin = scenario.Kind == ScenarioKind.Connect;
        var rssBefore = _process?.ResidentBytes();
        var clients = new BenchClient?[scenario.Clients];
        string? firstError = null;

        var connectWatch = Stopwatch.StartNew();
        using (var connecting = new CancellationTokenSource(options.Timeout))
        {
            await Parallel.ForAsync(0, scenario.Clients,
                new ParallelOptions { MaxDegreeOfParallelism = options.ConnectConcurrency, CancellationToken = CancellationToken.None },
                async (i, _) =>
                {
                    try
                    {
                        // Across nodes, clients alternate, so the senders (the first ones) are split too.
                        clients[i] = await BenchClient.ConnectAsync(
                            _nodes[i % scenario.Nodes], wire, i, $"b{tag}-{i}", room, awaitOwnJoin, stall: false, connecting.Token);
                    }
                    catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
                    {
                        Interlocked.CompareExchange(ref firstError, ex.Message, null);
                    }
                });
        }

        var connectTime = connectWatch.Elapsed;
        var connected = clients.OfType<BenchClient>().ToArray();
        BenchClient? stalled = null;
        if (scenario.StalledReader)
        {
            // Joins after everyone else, so its own join notice is the last line of the connect phase.
            using var connecting = new CancellationTokenSource(options.Timeout);
            try
            {
                stalled = await BenchClient.ConnectAsync(_nodes[0], wire, scenario.Clients, $"b{tag}-stalled", room, awaitOwnJoin: false, stall: true, connecting.Token);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                firstError ??= ex.Message;
            }
        }

        await WaitUntilQuietAsync(connected);
        if (scenario.Kind == ScenarioKind.Idle)
        {
            // Memory right after a burst of connects includes garbage and pool blocks the server is about to release.
            await Task.Delay(options.Hold);
        }

        var rssConnected = _process?.ResidentBytes();

        var result = new RunResult
        {
            Scenario = scenario.Name,
            Kind = scenario.Kind,
            Mode = mode,
            Target = options.Target,
            Clients = scenario.Clients,
            Connected = connected.Length,
            Dropped = 0,
            ConnectTime = connectTime,
            RssBeforeBytes = rssBefore,
            RssConnectedBytes = rssConnected,
            FirstError = firstError,
            Stalled = scenario.StalledReader ? new StalledReaderResult(Connected: stalled is not null, CutAfter: null, Error: null) : null,
        };

        if (scenario.Senders > 0 && connected.Length == scenario.Clients && stalled is not null == scenario.StalledReader)
        {
            result = await DeliverAsync(scenario, connected, stalled, wire, result);
        }

        var dropped = connected.Where(c => c.IsClosed).ToArray();
        result = result with
        {
            Dropped = dropped.Length,
            DropReasons = dropped.Length == 0 ? null : string.Join(", ", dropped
                .GroupBy(c => c.LastError is { } error ? wire.ErrorCode(error) : "no error line")
                .Select(reason => $"{reason.Key} x{reason.Count()}")),
            FirstError = result.FirstError ?? connected.Select(c => c.LastError).FirstOrDefault(e => e is not null),
        };

        await Task.WhenAll(connected.Append(stalled).OfType<BenchClient>().Select(c => c.DisposeAsync().AsTask()));
        return result;
    }

    private async Task<RunResult> DeliverAsync(Scenario scenario, BenchClient[] clients, BenchClient? stalled, WireLines wire, RunResult result)
    {
        // Every client gets every sender's messages but its own (a JSON client's own come back, and are skipped).
        var perClient = clients.Select((_, i) => (long)scenario.Senders * scenario.Messages - (i < scenario.Senders ? scenario.Messages : 0)).ToArray();
        var expected = perClient.Sum();
        var cpuBefore = _process?.CpuTime();
        var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;

        using var sending = new CancellationTokenSource(options.Timeout);
        var start = Stopwatch.GetTimestamp();
        var senders = Enumerable.Range(0, scenario.Senders).Select(i => clients[i].SendMessagesAsync(scenario.Messages, scenario.Rate,
            scenario.Rate > 0 ? TimeSpan.FromSeconds(1.0 / scenario.Rate * i / scenario.Senders) : TimeSpan.Zero, sending.Token)).ToArray();

        // Done when every client has all its messages or was closed by the server; or when the senders are
        // done and nothing has arrived for a while (a closed sender leaves the others short); or at the timeout.
        var stallWatch = Stopwatch.StartNew();
        var lastDelivered = 0L;
        TimeSpan? stalledCut = null;
        while (!sending.IsCancellationRequested && clients.Where((c, i) => !c.IsClosed && c.Delivered < perClient[i]).Any())
        {
            await Task.Delay(PollInterval);
            stalledCut ??= stalled?.ServerHasClosed() == true ? Stopwatch.GetElapsedTime(start) : null;
            var deliveredSoFar = clients.Sum(c => c.Delivered);
            if (deliveredSoFar != lastDelivered || !senders.All(s => s.IsCompleted))
            {
                lastDelivered = deliveredSoFar;
                stallWatch.Restart();
            }
            else if (stallWatch.Elapsed > StallPeriod)
            {
                break;
            }
        }

        var serverCpu = _process?.CpuTime() - cpuBefore;
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore;

        // A server may keep a stalled reader until a timeout of its own: wait for that, within this phase's timeout.
        while (stalled is not null && stalledCut is null && !sending.IsCancellationRequested)
        {
            await Task.Delay(PollInterval);
            stalledCut = stalled.ServerHasClosed() ? Stopwatch.GetElapsedTime(start) : null;
        }

        sending.Cancel();
        try
        {
            await Task.WhenAll(senders);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The timeout, or a sender the server closed: counted as missing deliveries and drops.
        }

        var latencies = new LatencyHistogram();
        foreach (var client in clients)
        {
            if (client.Latencies is { } histogram)
            {
                latencies.Add(histogram);
            }
        }

        var delivered = clients.Sum(c => c.Delivered);
        var end = clients.Max(c => c.LastDelivery);
        var elapsed = end > start ? Stopwatch.GetElapsedTime(start, end) : TimeSpan.Zero;
        return result with
        {
            Expected = expected,
            Delivered = delivered,
            DeliveryTime = elapsed,
            DeliveriesPerSecond = elapsed > TimeSpan.Zero ? delivered / elapsed.TotalSeconds : 0,
            P50Ms = latencies.PercentileMicroseconds(50) / 1000,
            P99Ms = latencies.PercentileMicroseconds(99) / 1000,
            P999Ms = latencies.PercentileMicroseconds(99.9) / 1000,
            ServerCpu = serverCpu,
            BenchCpu = benchCpu,
            Stalled = stalled is null ? result.Stalled : new StalledReaderResult(true, stalledCut, stalledCut is null ? null : await ReadCloseReasonAsync(stalled, wire)),
        };
    }

    /// <summary>
    /// Lets a client the server closed read what is left of its connection, within <see cref="StallPeriod"/>, and
    /// returns the code of the last error it was sent (a server that resets the connection leaves none).
    /// </summary>
    private static async Task<string?> ReadCloseReasonAsync(BenchClient client, WireLines wire)
    {
        client.Resume();
        var deadline = Stopwatch.StartNew();
        while (!client.IsClosed && deadline.Elapsed < StallPeriod)
        {
            await Task.Delay(PollInterval);
        }

        return client.LastError is { } error ? wire.ErrorCode(error) : null;
    }

    /// <summary>Waits (within the timeout) until the notices of the connect phase, such as joins, have all arrived.</summary>
    private async Task WaitUntilQuietAsync(BenchClient[] clients)
    {
        var deadline = Stopwatch.StartNew();
        var lines = -1L;
        while (deadline.Elapsed < options.Timeout)
        {
            var now = clients.Sum(c => c.Lines);
            if (now == lines)
            {
                return;
            }

            lines = now;
            await Task.Delay(QuietPeriod);
        }
    }
}
