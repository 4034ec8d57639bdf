using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// The server as a real process (<c>dotnet Chat.Host.dll</c>, with the appsettings.json of its build output); its
/// standard output and error are read line by line, as one stream. Unless the arguments name a database, it gets one
/// of its own, so processes started side by side never wait on each other's locks on the build output's chat.db.
/// Disposing kills it if it is still running.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Task _reading;
    private readonly TempDatabase? _database;

    private ServerProcess(Process process, TempDatabase? database)
    {
        Process = process;
        _database = database;
        _reading = Task.WhenAll(ReadAsync(process.StandardOutput, null), ReadAsync(process.StandardError, _errors))
            .ContinueWith(_ => _lines.Writer.TryComplete(), TaskScheduler.Default);
    }

    public Process Process { get; }

    /// <summary>Every line printed so far that a wait has read.</summary>
    public IReadOnlyList<string> Seen => _seen;

    /// <summary>What it printed on standard error alone, all of it once <see cref="WaitForExitAsync"/> has returned.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    public static ServerProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(BuildOutput.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuildOutput.Assembly("Chat.Host"));
        var database = arguments.Any(a => a.Contains(":ConnectionString=", StringComparison.Ordinal)) ? null : new TempDatabase();
        foreach (var argument in database is null ? arguments : [.. arguments, .. database.StoreSettings.Select(s => "--" + s)])
        {
            start.ArgumentList.Add(argument);
        }

        return new ServerProcess(Process.Start(start)!, database);
    }

    /// <summary>A port nobody listens on now (the system's choice, released at once).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits for a printed line matching <paramref name="match"/> and returns it; fails listing what was printed.</summary>
    public async Task<string> ExpectLineAsync(Func<string, bool> match, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // A fresh process JIT-compiles its start: on two cores under a full suite that has taken over 10 s.
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(timeout.Token))
            {
                _seen.Add(line);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail($"Expected {what}; the server printed:\n{string.Join("\n", _seen)}");
        return "";
    }

    /// <summary>Asks the server to stop as an operator would (SIGTERM); returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        return await WaitForExitAsync();
    }

    /// <summary>Waits for the process to exit and for all it printed; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await _reading;
        await foreach (var line in _lines.Reader.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            _seen.Add(line);
        }

        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
            Process.WaitForExit();
        }

        Process.Dispose();
        _database?.Dispose();
    }

    private async Task ReadAsync(StreamReader reader, ConcurrentQueue<string>? copy)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            copy?.Enqueue(line);
            _lines.Writer.TryWrite(line);
        }
    }
}
