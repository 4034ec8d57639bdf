using System.Diagnostics;
using System.Threading.Channels;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Client;

/// <summary>
/// The terminal client as a real process (<c>dotnet Chat.Client.dll</c>) with piped standard input; its output is
/// read line by line. Disposing kills it if it is still running.
/// </summary>
public sealed class ClientProcess : IDisposable
{
    private readonly ChannelReader<string> _output;
    private readonly List<string> _seen = [];

    private ClientProcess(Process process)
    {
        Process = process;
        _output = ReadLines(process.StandardOutput);
    }

    public Process Process { get; }

    public static ClientProcess Start(params string[] arguments) => Start(new Dictionary<string, string?>(), arguments);

    /// <summary>Starts the client with <paramref name="environment"/> changed (a null value removes a variable).</summary>
    public static ClientProcess Start(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(BuildOutput.DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuildOutput.Assembly("Chat.Client"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return new ClientProcess(Process.Start(start)!);
    }

    public async Task WriteLineAsync(string line)
    {
        await Process.StandardInput.WriteLineAsync(line);
        await Process.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits for a printed line matching <paramref name="match"/> and returns it; fails listing what was printed.</summary>
    public async Task<string> ExpectLineAsync(Func<string, bool> match, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // A fresh process JIT-compiles its start: on two cores under a full suite that has taken over 10 s.
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await foreach (var line in _output.ReadAllAsync(timeout.Token))
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

        Assert.Fail($"Expected {what}; the client printed:\n{string.Join("\n", _seen)}");
        return "";
    }

    public Task<string> ExpectLineAsync(string expected) => ExpectLineAsync(line => line == expected, $"the line '{expected}'");

    /// <summary>Closes standard input and waits for the exit code; the client quits at the end of input.</summary>
    public async Task<int> EndInputAndWaitAsync()
    {
        Process.StandardInput.Close();
        return await WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        await Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
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
    }

    private static ChannelReader<string> ReadLines(StreamReader reader)
    {
        var lines = Channel.CreateUnbounded<string>();
        _ = Task.Run(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Writer.TryWrite(line);
            }

            lines.Writer.TryComplete();
        });
        return lines.Reader;
    }
}
