using System.Diagnostics;
using System.Threading.Channels;

namespace Chat.Tests.Irc;

/// <summary>
/// An IRC user on a real client library: <c>irc_user.py</c> on Debian's python3-irc (test.sh installs it), told what
/// to do over standard input; every event the library reports comes back as a line. Disposing kills it if still running.
/// </summary>
public sealed class PythonIrcUser : IDisposable
{
    private readonly Process _process;
    private readonly ChannelReader<string> _events;
    private readonly List<string> _seen = [];

    private PythonIrcUser(Process process)
    {
        _process = process;
        var events = Channel.CreateUnbounded<string>();
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                events.Writer.TryWrite(line);
            }

            events.Writer.TryComplete();
        });
        _events = events.Reader;
    }

    /// <summary>Every event line read so far.</summary>
    public IReadOnlyList<string> Seen => _seen;

    public static PythonIrcUser Start(int port, string nick, string? tlsPin = null)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "Irc", "irc_user.py"), "127.0.0.1", port.ToString(), nick];
        foreach (var argument in tlsPin is null ? arguments : [.. arguments, "--tls", tlsPin])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new PythonIrcUser(process);
    }

    public async Task DoAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits for an event line starting with <paramref name="prefix"/> (type, source, target …) and returns it.</summary>
    public async Task<string> ExpectAsync(string prefix)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var line in _events.ReadAllAsync(timeout.Token))
            {
                _seen.Add(line);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail($"Expected an event '{prefix}…'; python3-irc reported:\n{string.Join("\n", _seen)}");
        return "";
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
