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
        using var client = ClientProcess.Start("--port", server.ChatPort.ToString(), "--name", "piper");

        await bob.ExpectAsync("*** piper joined #general");
        await client.WriteLineAsync("hello from a pipe");
        Assert.Equal("#general <piper> hello from a pipe", await bob.ExpectAsync("<piper>"));

        await bob.SendAsync("hi piper");
        await client.ExpectLineAsync("#general <bob> hi piper");

        // The reply to the last line comes after the end of input: the client waits for it, not for a timer.
        await client.WriteLineAsync("/who");
        Assert.Equal(0, await client.EndInputAndWaitAsync());
        await client.ExpectLineAsync("*** #general (2): bob, piper");
        await client.ExpectLineAsync("*** Goodbye!");
        Assert.Equal("*** piper quit", await bob.ExpectAsync("*** piper quit"));
    }

    [Fact]
    public async Task AScriptOfManyLinesIsPacedUnderTheServersFloodLimitAndEveryLineArrives()
    {
        await using var server = await TestServer.StartAsync();
        await using var bob = await server.ConnectTextAsync("bob");
        using var client = ClientProcess.Start("--port", server.ChatPort.ToString(), "--name", "scripty");
        await bob.ExpectAsync("*** scripty joined #general");

        // Twice the server's burst (10 lines, 5 a second by default): unpaced, about half would be dropped.
        for (var i = 0; i < 20; i++)
        {
            await client.WriteLineAsync($"line {i}");
        }

        Assert.Equal(0, await client.EndInputAndWaitAsync());
        await bob.ExpectAsync("*** scripty quit");
        Assert.Equal(
            Enumerable.Range(0, 20).Select(i => $"#general <scripty> line {i}"),
            bob.Received.Where(line => line.StartsWith("#general <scripty>", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ATakenNameIsReportedWithExitCode2()
    {
        await using var server = await TestServer.StartAsync();
        await using var bob = await server.ConnectTextAsync("bob");
        using var client = ClientProcess.Start("--port", server.ChatPort.ToString(), "--name", "bob");

        var error = await client.Process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(2, await client.WaitForExitAsync());
        Assert.Equal("chat: The name bob is taken. Choose another with --name NAME.", error.Trim());
    }

    [Fact]
    public async Task AnInvalidNameInPipedModeSaysWhatHappenedWithoutThePrompt()
    {
        await using var server = await TestServer.StartAsync();
        using var client = ClientProcess.Start("--port", server.ChatPort.ToString(), "--name", "bad!name");

        var error = await client.Process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(2, await client.WaitForExitAsync());
        Assert.Equal("chat: The name bad!name was refused: Names are 1 to 24 letters, digits, '_' or '-'. Choose another with --name NAME.", error.Trim());
    }
}
