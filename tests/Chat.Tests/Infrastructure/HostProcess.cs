using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// The server as a real process (<c>dotnet Chat.Host.dll</c> from its build output), for what only a process shows:
/// restarts, <c>kill -9</c>, exit codes and what it prints. The chat endpoint listens on 127.0.0.1 port 0, read back
/// from Kestrel's "Now listening" line; the HTTP endpoint on a Unix socket in the given directory, so that the chat
/// endpoint's is the only TCP address it prints. Disposing kills it if it still runs.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static int s_started;

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private HostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _output.Enqueue(line);
                _lines.Writer.TryWrite(line);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _errors.Enqueue(line);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int ChatPort { get; private set; }

    public int ExitCode => _process.ExitCode;

    /// <summary>Standard output so far (the server's log).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Standard error so far.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>Starts the server in <paramref name="directory"/> with configuration overrides such as <c>Chat:History:OnJoin=5</c>.</summary>
    public static HostProcess Start(string directory, params string[] settings)
    {
        var start = new ProcessStartInfo(BuildOutput.DotnetHost())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            BuildOutput.Assembly("Chat.Host"),
            "--Kestrel:Endpoints:Chat:Url=http://127.0.0.1:0",
            "--Kestrel:Endpoints:ChatTls:Url=https://127.0.0.1:0",
            $"--Kestrel:Endpoints:Http:Url=http://unix:{Path.Combine(directory, $"http-{Interlocked.Increment(ref s_started)}.sock")}",
            .. settings.Select(s => "--" + s),
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new HostProcess(Process.Start(start)!);
    }

    /// <summary>Starts the server and waits until its chat endpoint listens.</summary>
    public static async Task<HostProcess> StartListeningAsync(string directory, params string[] settings)
    {
        var host = Start(directory, settings);
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (true)
            {
                var line = await host._lines.Reader.ReadAsync(timeout.Token);
                if (ListeningOn().Match(line) is { Success: true } match)
                {
                    host.ChatPort = int.Parse(match.Groups[1].Value);
                    return host;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            await host.DisposeAsync();
            throw new TimeoutException($"The server did not listen within {StartTimeout}. Output:\n{string.Join("\n", host.Output)}\n{string.Join("\n", host.Errors)}");
        }
    }

    /// <summary>Connects a raw client to the chat endpoint; it has read the greeting when this returns.</summary>
    public async Task<TestClient> ConnectAsync()
    {
        var client = await TestClient.ConnectAsync(ChatPort);
        await client.ExpectAsync("Enter your name");
        return client;
    }

    /// <summary><c>kill -9</c>: the process ends at once, without running any of its code.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Asks the server to stop as an operator would (SIGTERM) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        return await WaitForExitAsync();
    }

    /// <summary>Waits for the process to end and for everything it printed to be read.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(StartTimeout, TestContext.Current.CancellationToken);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningOn();
}
