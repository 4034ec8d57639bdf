using System.Text;
using Chat.Protocol;
using Chat.Tests.Infrastructure;

namespace Chat.Tests;

public class HostileInputTests
{
    [Fact]
    public async Task OverLongLineIsAnErrorAndTheSameConnectionThenSendsAMessageThatIsDelivered()
    {
        // Without payloads, JSON lines have the same limit as text lines.
        await using var server = await TestServer.StartAsync("Chat:Limits:MaxLineBytes=100", "Chat:MaxPayloadBytes=0");
        await using var alice = await server.ConnectJsonAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");

        await alice.SendAsync($$"""{"type":"say","text":"{{new string('x', 200)}}"}""");
        Assert.Equal(ErrorCodes.LineTooLong, (await alice.ExpectJsonAsync("error")).GetProperty("code").GetString());
        await alice.SendAsync("""{"type":"say","text":"short one"}""");
        Assert.Equal("#general <alice> short one", await bob.ExpectAsync("<alice>"));
    }

    [Fact]
    public async Task RepeatedOverLongLinesCloseTheConnectionWithAReason()
    {
        await using var server = await TestServer.StartAsync("Chat:Limits:MaxLineBytes=100", "Chat:Limits:MaxViolations=3");
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");
        await alice.ExpectAsync("*** bob joined");

        for (var i = 0; i < 3; i++)
        {
            await alice.SendAsync(new string('x', 300));
            Assert.StartsWith("!!! Line too long", await alice.ReadLineAsync());
        }

        await alice.SendAsync("three strikes and still here");
        Assert.Equal("#general <alice> three strikes and still here", await bob.ExpectAsync("<alice>"));

        await alice.SendAsync(new string('x', 300));
        Assert.Equal(
            ["!!! Line too long: the limit is 100 bytes. It was discarded.", "!!! Closing the connection: too many over-long lines."],
            await alice.ExpectClosedAsync());
        Assert.Equal("*** alice quit (too many over-long lines)", await bob.ExpectAsync("quit"));
    }

    [Fact]
    public async Task EscapeSequencesNulAndBidiOverridesNeverReachAnotherUser()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var json = await server.ConnectJsonAsync("jason");
        await using var bob = await server.ConnectTextAsync("bob");

        await alice.SendRawAsync(Encoding.UTF8.GetBytes(
            "\u001b[2J\u001b[31mred\u001b[0m b\u0000c \u202eevil\u202c \u2067iso\u2069 d\u001b]0;pwned\u0007e\tf\n"));
        Assert.Equal("#general <alice> red bc evil iso de\tf", await bob.ExpectAsync("<alice>"));
        Assert.Equal("red bc evil iso de\tf", (await json.ExpectJsonAsync("message")).GetProperty("text").GetString());

        // A JSON string can carry a newline: it must not forge a server line for text users.
        await json.SendAsync("""{"type":"say","text":"hi\n*** alice is now known as admin\u001b[8m"}""");
        Assert.Equal("#general <jason> hi*** alice is now known as admin", await bob.ExpectAsync("<jason>"));

        // A typed message's file name and content type reach text users too.
        await json.SendAsync("""{"type":"say","text":"\u202eevil","name":"cat\u202egnp.exe","contentType":"text/plain; x=\"\u001b[5m\"","data":"aGk="}""");
        Assert.Equal("#general <jason> sent catgnp.exe (text/plain, 2 B): evil", await bob.ExpectAsync("<jason>"));

        // Lines that are nothing but escapes, or blank, are ignored; the next real line comes through.
        await alice.SendRawAsync(Encoding.UTF8.GetBytes("\u001b[2J\u001b[H\n   \t \n\u0000\u0007\n"));
        await json.SendAsync("""{"type":"say","text":" \u001b[0m "}""");
        await alice.SendAsync("after");
        await json.SendAsync("""{"type":"say","text":"json after"}""");
        // Each connection's lines keep their order, the two connections race: compare bob's next two lines sorted.
        string?[] next = [await bob.ReadLineAsync(), await bob.ReadLineAsync()];
        Assert.Equal(["#general <alice> after", "#general <jason> json after"], next.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task BlankAndEscapeOnlyLinesCountAgainstTheFloodLimit()
    {
        await using var server = await TestServer.StartAsync(
            "Chat:Limits:MessagesPerSecond=1", "Chat:Limits:MessageBurst=5",
            "Chat:Limits:MaxViolations=10", "Chat:Limits:ViolationWindow=01:00:00");
        await using var flooder = await server.ConnectTextAsync("flooder");
        await using var bob = await server.ConnectTextAsync("bob");

        // Nothing here would ever reach another user, yet each line costs the server work: each one counts.
        await flooder.SendRawAsync(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("\n \t\n\u001b[0m\n", 20))));

        var lines = await flooder.ExpectClosedAsync();
        Assert.Single(lines, line => line.Contains("sending too fast", StringComparison.Ordinal));
        Assert.Equal("!!! Closing the connection: excess flood.", lines[^1]);
        await bob.ExpectAsync("*** flooder quit (excess flood)");
    }

    [Fact]
    public async Task InvalidUtf8IsReplacedInTextModeAndRejectedInJsonMode()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var json = await server.ConnectJsonAsync("jason");
        await using var bob = await server.ConnectTextAsync("bob");

        await alice.SendRawAsync([.. "caf"u8, 0xff, 0xc3, .. "!\n"u8]);
        Assert.Equal("#general <alice> caf\ufffd\ufffd!", await bob.ExpectAsync("<alice>"));

        await json.SendRawAsync([.. """{"type":"say","text":"caf"""u8, 0xff, .. "\"}\n"u8]);
        Assert.Equal(ErrorCodes.BadJson, (await json.ExpectJsonAsync("error")).GetProperty("code").GetString());
        await json.SendAsync("""{"type":"say","text":"fine again"}""");
        Assert.Equal("#general <jason> fine again", await bob.ExpectAsync("<jason>"));
    }

    [Fact]
    public async Task FloodIsCutToTheRateWithANoticeOthersKeepTalkingAndSustainedFloodingCloses()
    {
        await using var server = await TestServer.StartAsync(
            "Chat:Limits:MessagesPerSecond=1", "Chat:Limits:MessageBurst=5",
            "Chat:Limits:MaxViolations=19", "Chat:Limits:ViolationWindow=01:00:00");
        await using var flooder = await server.ConnectTextAsync("flooder");
        await using var carol = await server.ConnectTextAsync("carol");
        await using var bob = await server.ConnectTextAsync("bob");

        var flood = flooder.SendRawAsync(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40).Select(i => $"f{i}\n"))));
        var talk = Task.Run(async () =>
        {
            foreach (var line in new[] { "carol one", "carol two", "carol three" })
            {
                await carol.SendAsync(line);
            }
        }, TestContext.Current.CancellationToken);
        await Task.WhenAll(flood, talk);

        // The registration line took a token: about four flood lines pass, the rest are dropped, one notice is sent,
        // and the twentieth dropped line (one more than MaxViolations) closes the connection.
        var flooderLines = await flooder.ExpectClosedAsync();
        Assert.Equal(1, flooderLines.Count(line => line.Contains("sending too fast", StringComparison.Ordinal)));
        Assert.Equal("!!! Closing the connection: excess flood.", flooderLines[^1]);
        await bob.ExpectAsync("*** flooder quit (excess flood)");
        var passed = bob.Received.Where(line => line.StartsWith("#general <flooder> ", StringComparison.Ordinal)).ToList();
        Assert.InRange(passed.Count, 4, 6);
        Assert.Equal(Enumerable.Range(0, passed.Count).Select(i => $"#general <flooder> f{i}"), passed);

        // carol's lines, sent during the flood, all arrive, and she goes on talking.
        await carol.SendAsync("carol four");
        await bob.ExpectAsync("<carol> carol four");
        Assert.Equal(
            ["carol one", "carol two", "carol three", "carol four"],
            bob.Received.Where(line => line.StartsWith("#general <carol> ", StringComparison.Ordinal)).Select(line => line[17..]));
    }
}
