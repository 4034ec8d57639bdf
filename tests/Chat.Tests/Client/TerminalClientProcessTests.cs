using System.Diagnostics;
using System.Threading.Channels;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Client;

/// <summary>The terminal client as a real process (<c>dotnet Chat.Client.dll</c>) with piped standard input.</summary>
public class TerminalClientProcessTests
{
    [Fact]
    public async Task PipedLinesReachATextUserAndWhatItReceivesIsPrintedUntilItExitsAtEndOfInput()
    {
        await using var server = await TestServer.StartAsync();
        await using var bob = await server.ConnectTextAsync("bob");
        using var client = StartClient("--port", server.ChatPort.ToString(), "--name", "piper");
        var output = ReadLines(client.StandardOutput);

        await bob.ExpectAsync("*** piper joined #general");
        await client.StandardInput.WriteLineAsync("hello from a pipe");
        await client.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal("#general <piper> hello from a pipe", await bob.ExpectAsync("<piper>"));

        await bob.SendAsync("hi piper");
        await ExpectLineAsync(output, "#general <bob> hi piper");

        // The reply to the last line comes after the end of input: the client waits for it, not for a timer.
        await client.StandardInput.WriteLineAsync("/who");
        client.StandardInput.Close();
        await client.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(0, client.ExitCode);
        await ExpectLineAsync(output, "*** #general (2): bob, piper");
        await ExpectLineAsync(output, "*** Goodbye!");
        await bob.ExpectAsync("*** piper quit (quit)");
    }

    [Fact]
    public async Task ATakenNameIsReportedWithExitCode2()
    {
        await using var server = await TestServer.StartAsync();
        await using var bob = await server.ConnectTextAsync("bob");
        using var client = StartClient("--port", server.ChatPort.ToString(), "--name", "bob");

        var error = await client.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        await client.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, client.ExitCode);
        Assert.Equal("chat: The name bob is taken.", error.Trim());
    }

    private static Process StartClient(params string[] arguments)
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

        return Process.Start(start)!;
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

    private static async Task ExpectLineAsync(ChannelReader<string> output, string expected)
    {
        var seen = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var line in output.ReadAllAsync(timeout.Token))
            {
                seen.Add(line);
                if (line == expected)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail($"Expected the line '{expected}'; the client printed:\n{string.Join("\n", seen)}");
    }
}
