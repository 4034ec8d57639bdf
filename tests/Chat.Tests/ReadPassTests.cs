using System.Net.Sockets;
using System.Text.Json;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Chat.Tests.Irc;

namespace Chat.Tests;

/// <summary>
/// Lines that arrive in one write are one read pass: their messages are published without waiting for one another,
/// yet the sender sees its echoes, errors and replies in the order it sent the lines, and the others get every message
/// once, in order.
/// </summary>
public class ReadPassTests
{
    [Fact]
    public async Task AnErrorBetweenMessagesOfOnePassComesBetweenTheirEchoes()
    {
        await using var server = await TestServer.StartAsync();
        await using var bob = await server.ConnectTextAsync("bob");
        await using var jay = await server.ConnectJsonAsync("jay");
        await bob.ExpectAsync("*** jay joined #general");

        // The second line is refused at once, while "one" is still on its way through the stream.
        await jay.SendAsync("""
            {"type":"say","text":"one"}
            {"type":"say","text":"lost","room":"nowhere"}
            {"type":"say","text":"two"}
            {"type":"leave"}
            """);

        Assert.Equal(
            ["message one", $"error {ErrorCodes.NotInRoom}", "message two", "leave jay"],
            (await jay.ReadLinesAsync(4)).Select(Describe));
        Assert.Equal(["#general <jay> one", "#general <jay> two", "*** jay left #general"], await bob.ReadLinesAsync(3));

        // Nothing else was queued for either of them: no message or error comes before the answers to a join.
        var seen = jay.Received.Count;
        await jay.SendAsync("""{"type":"join","room":"general"}""");
        await jay.ExpectJsonAsync("join");
        Assert.DoesNotContain(jay.Received.Skip(seen).Select(Describe), line => line.StartsWith("message", StringComparison.Ordinal) || line.StartsWith("error", StringComparison.Ordinal));
        Assert.Equal("*** jay joined #general", (await bob.ReadLinesAsync(1))[0]);
    }

    [Fact]
    public async Task AClientThatClosesItsSideAfterItsLinesStillGetsTheirEchoesAndErrorsInOrder()
    {
        await using var server = await TestServer.StartAsync();
        await using var bob = await server.ConnectTextAsync("bob");
        await using var jay = await server.ConnectJsonAsync("jay");
        await bob.ExpectAsync("*** jay joined #general");

        await jay.SendAsync("""
            {"type":"say","text":"one"}
            {"type":"say","text":"two"}
            {"type":"say","text":"lost","room":"nowhere"}
            """);
        jay.Socket.Shutdown(SocketShutdown.Send);

        Assert.Equal(["message one", "message two", $"error {ErrorCodes.NotInRoom}"], (await jay.ReadLinesAsync(3)).Select(Describe));
        Assert.Equal(["#general <jay> one", "#general <jay> two", "*** jay quit (connection closed)"], await bob.ReadLinesAsync(3));
    }

    [Fact]
    public async Task AnIrcNumericBetweenMessagesOfOnePassComesBetweenTheirEchoes()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var echo = await server.ConnectIrcAsync("echo", "echo-message");
        await using var plain = await server.ConnectIrcAsync("plain");
        await echo.SendAsync("JOIN #general");
        await plain.SendAsync("JOIN #general");
        await echo.SyncAsync();
        await plain.SyncAsync();

        // Ten messages are on their way through the stream when the eleventh line is refused at once.
        string[] before = [.. Enumerable.Range(0, 10).Select(i => $"PRIVMSG #general :before {i}")];
        await echo.SendAsync(string.Join("\r\n", [.. before, "PRIVMSG #nowhere :lost", "PRIVMSG #general :after", "PART #general"]));

        var lines = await echo.SyncAsync();
        string[] echoed = [.. before.Select(line => ":echo!echo@chatapp " + line), ":echo!echo@chatapp PRIVMSG #general :after", ":echo!echo@chatapp PART #general"];
        Assert.Equal(13, lines.Count);
        Assert.Contains(" 403 echo #nowhere ", lines[10], StringComparison.Ordinal);
        Assert.Equal(echoed, lines.Where((_, i) => i != 10));
        Assert.Equal(echoed, await plain.SyncAsync());
    }

    [Fact]
    public async Task ALongPassReachesEveryoneOnceInOrder()
    {
        const int Lines = 500;
        await using var server = await TestServer.StartAsync(
            "Chat:Limits:MessagesPerSecond=1000000", "Chat:Limits:MessageBurst=1000000");
        await using var bob = await server.ConnectTextAsync("bob");
        await using var jay = await server.ConnectJsonAsync("jay");
        await bob.ExpectAsync("*** jay joined #general");

        await jay.SendAsync(string.Join('\n', Enumerable.Range(0, Lines).Select(i => $$"""{"type":"say","text":"line {{i}}"}""")));

        var expected = Enumerable.Range(0, Lines).Select(i => $"line {i}").ToArray();
        Assert.Equal(expected.Select(text => $"#general <jay> {text}"), await bob.ReadLinesAsync(Lines));
        Assert.Equal(expected.Select(text => $"message {text}"), (await jay.ReadLinesAsync(Lines)).Select(Describe));
    }

    /// <summary>A JSON line as its type and what matters of it: a message's text, an error's code, a name.</summary>
    private static string Describe(string line)
    {
        var json = JsonDocument.Parse(line).RootElement;
        var type = json.GetProperty("type").GetString();
        return type switch
        {
            "message" => $"message {json.GetProperty("text").GetString()}",
            "error" => $"error {json.GetProperty("code").GetString()}",
            _ => $"{type} {(json.TryGetProperty("name", out var name) ? name.GetString() : "")}",
        };
    }
}
