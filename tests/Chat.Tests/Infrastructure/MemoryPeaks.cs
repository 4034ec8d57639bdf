using System.Diagnostics;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// Samples this process's live managed heap (after a full collection, so garbage does not count) and its working
/// set every 50 ms, and keeps the peaks.
/// </summary>
public sealed class MemoryPeaks : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _sampling = Task.CompletedTask;

    public long PeakLiveHeap { get; private set; }

    public long PeakWorkingSet { get; private set; }

    public static MemoryPeaks Start()
    {
        var peaks = new MemoryPeaks();
        peaks._sampling = peaks.SampleAsync();
        return peaks;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
    }

    public void Dispose() => _stop.Dispose();

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        using var process = Process.GetCurrentProcess();
        do
        {
            GC.Collect();
            PeakLiveHeap = Math.Max(PeakLiveHeap, GC.GetTotalMemory(forceFullCollection: false));
            process.Refresh();
            PeakWorkingSet = Math.Max(PeakWorkingSet, process.WorkingSet64);
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
