using System.Diagnostics;
using System.Threading.Channels;

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

    public static ClientProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ClientAssembly());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
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
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
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

    /// <summary>
    /// Chat.Client.dll in its own build output, as <c>dotnet run --project Chat.Client</c> runs it. The copy
    /// next to the tests lacks the packages that the test process takes from the ASP.NET Core framework instead.
    /// </summary>
    private static string ClientAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (!File.Exists(Path.Combine(root.FullName, "ChatApp.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException($"No ChatApp.sln above {AppContext.BaseDirectory}.");
        }

        return Path.Combine(root.FullName, "Chat.Client", "bin", configuration, framework, "Chat.Client.dll");
    }

    /// <summary>The dotnet that runs the tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

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
