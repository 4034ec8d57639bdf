using Chat.Tests.Infrastructure;

namespace Chat.Tests.Irc;

public class IrcMessagingTests
{
    [Fact]
    public async Task RoomMessagesCrossEveryFrontEachInItsOwnForm()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var json = await server.ConnectJsonAsync("jay");
        await using var alice = await server.ConnectIrcAsync("alice");
        await using var bob = await server.ConnectIrcAsync("bob");
        await alice.SendAsync("JOIN #general");
        await alice.SyncAsync();
        await bob.SendAsync("JOIN #general");
        await alice.ExpectAsync(":bob!bob@chatapp JOIN #general");

        await alice.SendAsync("PRIVMSG #general :hello everyone");
        Assert.Equal(":alice!alice@chatapp PRIVMSG #general :hello everyone", await bob.ExpectAsync("PRIVMSG"));
        Assert.Equal("#general <alice> hello everyone", await text.ExpectAsync("<alice>"));
        var message = await json.ExpectJsonAsync("message");
        Assert.Equal("alice", message.GetProperty("from").GetString());
        Assert.Equal("hello everyone", message.GetProperty("text").GetString());

        await text.SendAsync("hi from nc");
        Assert.Equal(":tess!tess@chatapp PRIVMSG #general :hi from nc", await alice.ExpectAsync("PRIVMSG"));
        await json.SendAsync("""{"type":"say","text":"hi from json"}""");
        Assert.Equal(":jay!jay@chatapp PRIVMSG #general :hi from json", await alice.ExpectAsync("PRIVMSG"));

        // Without echo-message alice's own line never came back.
        Assert.DoesNotContain(alice.Received, line => line.StartsWith(":alice!alice@chatapp PRIVMSG", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EchoMessageSendsOwnMessagesActionsAndDirectMessagesBackOnlyToClientsThatAskedForIt()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var plain = await server.ConnectIrcAsync("plain");
        await using var echo = await server.ConnectIrcAsync("echo", "echo-message");
        await plain.SendAsync("JOIN #general");
        await echo.SendAsync("JOIN #general");
        await plain.SyncAsync();
        await echo.SyncAsync();

        foreach (var client in new[] { plain, echo })
        {
            await client.SendAsync("PRIVMSG #general :to the room");
            await client.SendAsync("PRIVMSG #general :\u0001ACTION waves\u0001");
            await client.SendAsync("NOTICE #general :a notice");
            await client.SendAsync($"PRIVMSG {(client == plain ? "echo" : "plain")} :psst");
        }

        Assert.DoesNotContain(await plain.SyncAsync(), line => line.StartsWith(":plain!", StringComparison.Ordinal));
        Assert.Equal(
            [
                ":echo!echo@chatapp PRIVMSG #general :to the room",
                ":echo!echo@chatapp PRIVMSG #general :\u0001ACTION waves\u0001",
                ":echo!echo@chatapp NOTICE #general :a notice",
                ":echo!echo@chatapp PRIVMSG plain :psst",
            ],
            (await echo.SyncAsync()).Where(line => line.StartsWith(":echo!", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ServerTimeTagsStampedEventsForClientsThatAskedForIt()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var timed = await server.ConnectIrcAsync("timed", "server-time");
        await using var plain = await server.ConnectIrcAsync("plain");
        await timed.SendAsync("JOIN #general");
        await timed.SyncAsync();
        await plain.SendAsync("JOIN #general");
        await timed.ExpectAsync(":plain!plain@chatapp JOIN #general");

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await plain.SendAsync("PRIVMSG #general :what time is it");
        var line = await timed.ExpectAsync("PRIVMSG");
        Assert.Matches(@"^@time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z :plain!plain@chatapp PRIVMSG #general :what time is it$", line);
        var time = DateTimeOffset.Parse(line[6..30], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(time, before, DateTimeOffset.UtcNow.AddSeconds(1));
        await plain.SendAsync("TOPIC #general :timed too");
        Assert.StartsWith("@time=", await timed.ExpectAsync(" TOPIC "));
        Assert.Equal(":plain!plain@chatapp TOPIC #general :timed too", await plain.ExpectAsync(" TOPIC "));

        await timed.SendAsync("PRIVMSG #general :and for you");
        Assert.Equal(":timed!timed@chatapp PRIVMSG #general :and for you", await plain.ExpectAsync("PRIVMSG"));
    }

    [Fact]
    public async Task NoticesStayNoticesAndNeverGetAnAutomaticReply()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var json = await server.ConnectJsonAsync("jay");
        await using var alice = await server.ConnectIrcAsync("alice");
        await using var bob = await server.ConnectIrcAsync("bob");
        await alice.SendAsync("JOIN #general");
        await alice.SyncAsync();
        await bob.SendAsync("JOIN #general");
        await bob.SendAsync("AWAY :out");
        await alice.ExpectAsync(":bob!bob@chatapp JOIN #general");

        await alice.SendAsync("NOTICE #general :bot says");
        Assert.Equal(":alice!alice@chatapp NOTICE #general :bot says", await bob.ExpectAsync("NOTICE #general"));
        Assert.Equal("#general <alice> bot says", await text.ExpectAsync("<alice>"));
        Assert.True((await json.ExpectJsonAsync("message")).GetProperty("notice").GetBoolean());

        // Not to a missing nick or channel, one not joined, without text, to an away user, nor a CTCP request.
        await alice.SendAsync("NOTICE nobody :hello");
        await alice.SendAsync("NOTICE #nowhere :hello");
        await alice.SendAsync("NOTICE #random :hello");
        await alice.SendAsync("NOTICE bob");
        await alice.SendAsync("NOTICE bob :are you there");
        await alice.SendAsync("NOTICE bob :\u0001VERSION\u0001");
        Assert.Empty(await alice.SyncAsync());
        Assert.Equal(":alice!alice@chatapp NOTICE bob :are you there", await bob.ExpectAsync("NOTICE bob"));

        // A plain message does not carry the flag.
        await alice.SendAsync("PRIVMSG #general :plain");
        Assert.False((await json.ExpectJsonAsync("message")).TryGetProperty("notice", out _));
    }

    [Fact]
    public async Task MessageErrorsHaveTheirNumerics()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var alice = await server.ConnectIrcAsync("alice");
        await using var bob = await server.ConnectIrcAsync("bob");
        await bob.SendAsync("AWAY :gone to lunch");
        await bob.SyncAsync();

        await alice.SendAsync("PRIVMSG");
        await alice.SendAsync("PRIVMSG #general");
        await alice.SendAsync("PRIVMSG nobody :hi");
        await alice.SendAsync("PRIVMSG #nowhere :hi");
        await alice.SendAsync("PRIVMSG #general :not a member");
        await alice.SendAsync("PRIVMSG a,b,c,d,bob :five");
        await alice.SendAsync("PRIVMSG bob :lunch?");
        Assert.Equal(
            [
                ":ChatApp 411 alice :No recipient given (PRIVMSG)",
                ":ChatApp 412 alice :No text to send",
                ":ChatApp 401 alice nobody :No such nick/channel",
                ":ChatApp 403 alice #nowhere :No such channel",
                ":ChatApp 404 alice #general :Cannot send to channel",
                ":ChatApp 401 alice a :No such nick/channel",
                ":ChatApp 401 alice b :No such nick/channel",
                ":ChatApp 401 alice c :No such nick/channel",
                ":ChatApp 401 alice d :No such nick/channel",
                ":ChatApp 407 alice bob :Too many recipients",
                ":ChatApp 301 alice bob :gone to lunch",
            ],
            await alice.SyncAsync());
        Assert.Equal(":alice!alice@chatapp PRIVMSG bob :lunch?", await bob.ExpectAsync("PRIVMSG"));
    }

    [Fact]
    public async Task DirectMessagesCrossFrontsBothWays()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var json = await server.ConnectJsonAsync("jay");
        await using var alice = await server.ConnectIrcAsync("alice");

        await alice.SendAsync("PRIVMSG tess :psst tess");
        Assert.Equal("*alice -> tess* psst tess", await text.ExpectAsync("psst"));
        await alice.SendAsync("PRIVMSG JAY :psst jay");
        var direct = await json.ExpectJsonAsync("message");
        Assert.Equal("jay", direct.GetProperty("to").GetString());
        Assert.Equal("psst jay", direct.GetProperty("text").GetString());

        await text.SendAsync("/msg alice back at you");
        Assert.Equal(":tess!tess@chatapp PRIVMSG alice :back at you", await alice.ExpectAsync("PRIVMSG"));
        await json.SendAsync("""{"type":"say","to":"alice","text":"from json"}""");
        Assert.Equal(":jay!jay@chatapp PRIVMSG alice :from json", await alice.ExpectAsync("PRIVMSG"));
    }

    [Fact]
    public async Task CtcpActionIsMeBothWaysAndVersionAndPingAreAnswered()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var json = await server.ConnectJsonAsync("jay");
        await using var alice = await server.ConnectIrcAsync("alice");
        await alice.SendAsync("JOIN #general");

        await alice.SendAsync("PRIVMSG #general :\u0001ACTION waves\u0001");
        Assert.Equal("#general * alice waves", await text.ExpectAsync("waves"));
        var action = await json.ExpectJsonAsync("action");
        Assert.Equal("waves", action.GetProperty("text").GetString());
        await text.SendAsync("/me waves back");
        Assert.Equal(":tess!tess@chatapp PRIVMSG #general :\u0001ACTION waves back\u0001", await alice.ExpectAsync("ACTION"));

        // Actions exist in rooms only: in a query it comes as a line.
        await alice.SendAsync("PRIVMSG tess :\u0001ACTION nods\u0001");
        Assert.Equal("*alice -> tess* * alice nods", await text.ExpectAsync("nods"));

        await alice.SendAsync("PRIVMSG tess :\u0001VERSION\u0001");
        await alice.SendAsync("PRIVMSG jay :\u0001PING 1234 5678\u0001");
        await alice.SendAsync("PRIVMSG #general :\u0001CLIENTINFO\u0001");
        await alice.SendAsync("PRIVMSG tess :\u0001TIME\u0001");
        Assert.Equal(
            [
                ":ChatApp NOTICE alice :\u0001VERSION ChatApp-1.0.0\u0001",
                ":ChatApp NOTICE alice :\u0001PING 1234 5678\u0001",
                ":ChatApp NOTICE alice :\u0001CLIENTINFO ACTION CLIENTINFO PING VERSION\u0001",
            ],
            await alice.SyncAsync());
        await text.SendAsync("/who");
        Assert.Equal("*** #general (3): alice, jay, tess", await text.ExpectAsync("*** #general ("));
        Assert.DoesNotContain(text.Received, line => line.Contains("VERSION") || line.Contains("1234") || line.Contains("TIME"));
    }

    [Fact]
    public async Task FormattingReachesIrcUsersAndIsStrippedForTextAndJson()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var json = await server.ConnectJsonAsync("jay");
        await using var alice = await server.ConnectIrcAsync("alice");
        await using var bob = await server.ConnectIrcAsync("bob");
        await alice.SendAsync("JOIN #general");
        await alice.SyncAsync();
        await bob.SendAsync("JOIN #general");
        await alice.ExpectAsync(":bob!bob@chatapp JOIN #general");

        await alice.SendAsync("PRIVMSG #general :\u0002bold\u0002 and \u000304,12red\u0003 \u001b[31mno escapes\u0007");
        Assert.Equal(":alice!alice@chatapp PRIVMSG #general :\u0002bold\u0002 and \u000304,12red\u0003 no escapes", await bob.ExpectAsync("PRIVMSG"));
        Assert.Equal("#general <alice> bold and red no escapes", await text.ExpectAsync("<alice>"));
        Assert.Equal("bold and red no escapes", (await json.ExpectJsonAsync("message")).GetProperty("text").GetString());

        await alice.SendAsync("TOPIC #general :\u001funderlined\u001f topic");
        Assert.Equal("*** alice set the topic of #general: underlined topic", await text.ExpectAsync("topic"));

        // A line of formatting only is blank for text users: it goes nowhere.
        await alice.SendAsync("PRIVMSG #general :\u0002\u0002");
        await alice.SendAsync("PRIVMSG #general :after that");
        Assert.Equal(":alice!alice@chatapp PRIVMSG #general :after that", await bob.ExpectAsync("PRIVMSG"));
    }

    [Fact]
    public async Task LongTextIsCutIntoSeveralLinesOfAtMost512Bytes()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var alice = await server.ConnectIrcAsync("alice", "server-time");
        await alice.SendAsync("JOIN #general");
        await alice.SyncAsync();
        var words = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"wörd{i}"));

        await text.SendAsync(words);
        await text.SendAsync("/me " + words);
        await text.SendAsync("all done");
        await alice.ExpectAsync("PRIVMSG #general :all done");

        var lines = alice.Received.Where(line => line.Contains(" PRIVMSG ") && !line.EndsWith(":all done", StringComparison.Ordinal)).ToList();
        var said = lines.Where(line => !line.Contains('\u0001')).ToList();
        var acted = lines.Where(line => line.Contains('\u0001')).ToList();
        Assert.True(said.Count > 1 && acted.Count > 1);
        // The 512 bytes are the line without its tags (message-tags keeps them apart); every piece but the last is nearly full.
        Assert.All(lines, line => Assert.InRange(BodyBytes(line), 1, 512));
        Assert.All(said[..^1].Concat(acted[..^1]), line => Assert.InRange(BodyBytes(line), 480, 512));
        Assert.All(lines, line => Assert.StartsWith("@time=", line));
        Assert.Equal(words, string.Join(' ', said.Select(line => line[(line.IndexOf(" :", line.IndexOf(" PRIVMSG ", StringComparison.Ordinal), StringComparison.Ordinal) + 2)..])));
        Assert.Equal(words, string.Join(' ', acted.Select(line => line[(line.IndexOf("\u0001ACTION ", StringComparison.Ordinal) + 8)..^1])));
    }

    private static int BodyBytes(string taggedLine) => System.Text.Encoding.UTF8.GetByteCount(taggedLine[(taggedLine.IndexOf(' ') + 1)..]) + 2;

    [Fact]
    public async Task ATypedPayloadReachesIrcUsersAsTheSummaryLine()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var json = await server.ConnectJsonAsync("jay");
        await using var alice = await server.ConnectIrcAsync("alice");
        await alice.SendAsync("JOIN #general");
        await alice.SyncAsync();

        await json.SendAsync($$"""{"type":"say","text":"look","contentType":"image/png","name":"cat.png","data":"{{Convert.ToBase64String(new byte[2048])}}"}""");
        Assert.Equal(":jay!jay@chatapp PRIVMSG #general :sent cat.png (image/png, 2 KB): look", await alice.ExpectAsync("PRIVMSG"));
    }
}
