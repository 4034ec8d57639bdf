// Appends from concurrent writers to a SQLite history file, each writer in its own room with up to
// --in-flight appends awaiting their commit; then a retention pass and page reads. Bounded by its arguments.
using System.Diagnostics;
using Chat.Handlers.History;
using Microsoft.Extensions.Logging.Abstractions;

var appends = Argument("--appends", 20_000);
var writers = Argument("--writers", 10);
var inFlight = Argument("--in-flight", 1);
var textBytes = Argument("--text-bytes", 100);
if (appends is < 1 or > 1_000_000 || writers is < 1 or > 1000 || inFlight is < 1 or > 400 || textBytes is < 0 or > 4096)
{
    Console.Error.WriteLine("Usage: Chat.HistoryBench [--appends 1..1000000] [--writers 1..1000] [--in-flight 1..400] [--text-bytes 0..4096] [--dir DIR]");
    return 2;
}

var argumentDirectory = args.SkipWhile(a => a != "--dir").Skip(1).FirstOrDefault();
var directory = argumentDirectory ?? Directory.CreateTempSubdirectory("chat-historybench-").FullName;
var databasePath = Path.Combine(directory, "bench.db");
var options = new HistoryOptions { ConnectionString = $"Data Source={databasePath}" };
var store = SqliteHistoryStore.Open(options, NullLogger<SqliteHistoryStore>.Instance);
var text = new string('x', textBytes);
var perWriter = appends / writers;

var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
var waits = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(w))));
var elapsed = clock.Elapsed;
cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
var sorted = waits.SelectMany(w => w).Order().ToArray();
Console.WriteLine(
    $"appends {sorted.Length:N0} from {writers} writers, {inFlight} in flight each: {sorted.Length / elapsed.TotalSeconds:N0}/s " +
    $"in {elapsed.TotalMilliseconds:N0} ms, {store.Commits:N0} commits ({sorted.Length / (double)store.Commits:N1} per commit), " +
    $"commit wait p50 {Ms(sorted[sorted.Length / 2])} p99 {Ms(sorted[sorted.Length * 99 / 100])} max {Ms(sorted[^1])} ms, " +
    $"{cpu.TotalMicroseconds / sorted.Length:N1} us CPU per append");

// Reopening runs the startup check (quick_check reads the whole file).
await store.DisposeAsync();
clock.Restart();
store = SqliteHistoryStore.Open(options, NullLogger<SqliteHistoryStore>.Instance);
Console.WriteLine($"reopen with quick_check: {clock.Elapsed.TotalMilliseconds:N0} ms for {new FileInfo(databasePath).Length / 1e6:N1} MB");

clock.Restart();
var deleted = await store.PruneAsync(perWriter / 10, DateTimeOffset.UtcNow.AddDays(-30));
Console.WriteLine($"retention to {perWriter / 10:N0} per room: {deleted:N0} deleted in {clock.Elapsed.TotalMilliseconds:N0} ms");

clock.Restart();
const int Reads = 1000;
for (var i = 0; i < Reads; i++)
{
    await store.ReadAsync($"bench-{i % writers}", null, options.MaxPageSize);
}

Console.WriteLine($"page of {options.MaxPageSize}: {clock.Elapsed.TotalMilliseconds * 1000 / Reads:N0} us per read");
await store.DisposeAsync();
if (argumentDirectory is null)
{
    Directory.Delete(directory, recursive: true);
}

return 0;

// Returns how long each append waited for its commit, in Stopwatch ticks.
async Task<List<long>> WriteAsync(int writer)
{
    var waits = new List<long>(perWriter);
    var pending = new Queue<(Task Commit, long Started)>();
    for (var i = 0; i < perWriter; i++)
    {
        if (pending.Count == inFlight)
        {
            waits.Add(await CommittedAsync(pending.Dequeue()));
        }

        var entry = new HistoryEntry($"bench-{writer}", i + 1, DateTimeOffset.UtcNow, HistoryKind.Message, $"w{writer}", text);
        var started = Stopwatch.GetTimestamp();
        pending.Enqueue((store.AppendAsync(entry).AsTask(), started));
    }

    while (pending.Count > 0)
    {
        waits.Add(await CommittedAsync(pending.Dequeue()));
    }

    return waits;
}

static async Task<long> CommittedAsync((Task Commit, long Started) append)
{
    await append.Commit;
    return Stopwatch.GetTimestamp() - append.Started;
}

static string Ms(long ticks) => (ticks * 1000.0 / Stopwatch.Frequency).ToString("0.00");

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
}
