using System.Text;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Irc;

/// <summary>The protections every front shares, seen from an IRC client.</summary>
public class IrcLimitsTests
{
    [Fact]
    public async Task LinesAreAtMost512BytesWithCrLfAndALongerOneIs417WhileTheConnectionGoesOn()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var alice = await server.ConnectIrcAsync("alice");
        await alice.SendAsync("JOIN #general");
        await alice.SyncAsync();
        const string Prefix = "PRIVMSG #general :";

        await alice.SendRawAsync(Encoding.UTF8.GetBytes(Prefix + new string('a', 512 - Prefix.Length - 2) + "\r\n"));
        Assert.Equal(512 - Prefix.Length - 2, (await text.ExpectAsync("<alice>")).Length - "#general <alice> ".Length);

        await alice.SendRawAsync(Encoding.UTF8.GetBytes(Prefix + new string('b', 512 - Prefix.Length - 1) + "\r\n"));
        Assert.Equal([":ChatApp 417 alice :Input line was too long"], await alice.SyncAsync());
        await alice.SendAsync("PRIVMSG #general :still here");
        Assert.Equal("#general <alice> still here", await text.ExpectAsync("<alice>"));
        Assert.DoesNotContain(text.Received, line => line.Contains("bbb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MessageTagsAllowTagsBeyondThe512BytesOfTheLineButNotALongerBody()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var plain = await server.ConnectIrcAsync("plain");
        await using var tagged = await server.ConnectIrcAsync("tagged", "message-tags");
        await plain.SendAsync("JOIN #general");
        await tagged.SendAsync("JOIN #general");
        await plain.SyncAsync();
        await tagged.SyncAsync();
        var tags = "@+example.com/note=" + new string('x', 3000) + " ";

        await tagged.SendAsync(tags + "PRIVMSG #general :tags are fine");
        Assert.Equal("#general <tagged> tags are fine", await text.ExpectAsync("<tagged>"));
        await tagged.SendAsync(tags + "PRIVMSG #general :" + new string('y', 500));
        await tagged.SendAsync(tags + "TAGMSG #general");
        Assert.Equal([":ChatApp 417 tagged :Input line was too long"], await tagged.SyncAsync());

        await plain.SendAsync(tags + "PRIVMSG #general :no room for tags");
        Assert.Equal([":ChatApp 417 plain :Input line was too long"], (await plain.SyncAsync()).Where(line => line.StartsWith(":ChatApp ", StringComparison.Ordinal)));
        await text.SendAsync("/who");
        await text.ExpectAsync("*** #general (");
        Assert.DoesNotContain(text.Received, line => line.Contains("yyy", StringComparison.Ordinal) || line.Contains("no room", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FloodControlCountsLinesSoAJoinOfManyChannelsIsOne()
    {
        await using var server = await TestServer.StartAsync("Chat:Limits:MessagesPerSecond=1", "Chat:Limits:MessageBurst=10");
        await using var text = await server.ConnectTextAsync("tess");
        await using var alice = await server.ConnectIrcAsync("alice");

        // Two lines to register, one for twelve channels.
        await alice.SendAsync("JOIN " + string.Join(',', Enumerable.Range(0, 11).Select(i => $"#room{i}").Prepend("#general")));
        await alice.ExpectAsync(":alice!alice@chatapp JOIN #room10");
        for (var i = 0; i < 20; i++)
        {
            await alice.SendAsync($"PRIVMSG #general :line {i}");
        }

        await alice.ExpectAsync(":ChatApp NOTICE alice :You are sending too fast (at most 1 lines a second, 10 at once): lines are being dropped.");
        await text.ExpectAsync("<alice> line 6");
        await text.SendAsync("/who");
        await text.ExpectAsync("*** #general (");
        Assert.DoesNotContain(text.Received, line => line.Contains("line 12", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MalformedLinesCountAsViolations()
    {
        await using var server = await IrcTestServer.StartAsync("Chat:Limits:MaxViolations=3");
        await using var alice = await server.ConnectIrcAsync("alice");

        await alice.SendAsync("@=bad PRIVMSG #general :x");
        Assert.Equal(":ChatApp 400 alice * :Malformed IRC message", await alice.ReadLineAsync());
        await alice.SendAsync("1234 x");
        await alice.SendAsync(":prefix-only");
        await alice.SendAsync("@tag-only");

        Assert.Equal(
            [
                ":ChatApp 400 alice * :Malformed IRC message",
                ":ChatApp 400 alice * :Malformed IRC message",
                ":ChatApp 400 alice * :Malformed IRC message",
                "ERROR :Closing link: Closing the connection: too many malformed lines.",
            ],
            await alice.ExpectClosedAsync());
    }

    [Fact]
    public async Task ConnectionsOverThePerIpLimitAreRefusedWithAnErrorLine()
    {
        await using var server = await IrcTestServer.StartAsync("Chat:Limits:MaxConnectionsPerIp=2");
        await using var text = await server.ConnectTextAsync("tess");
        await using var alice = await server.ConnectIrcAsync("alice");

        await using var refused = await TestClient.ConnectAsync(server.IrcPort);

        Assert.Equal(
            ["ERROR :Closing link: Too many connections from 127.0.0.1 (at most 2); close one and try again."],
            await refused.ExpectClosedAsync());
    }

    [Fact]
    public async Task AnIrcClientThatDoesNotReadIsCutOffForItsSendQueue()
    {
        await using var server = await IrcTestServer.StartAsync("Chat:Limits:SendQueueBytes=65536", "Chat:Limits:SendQueueSoftBytes=16384", "Chat:MaxPayloadBytes=0");
        await using var text = await server.ConnectTextAsync("tess");
        await using var silent = await TestClient.ConnectAsync(server.IrcPort, receiveBufferSize: 4096);
        await silent.RegisterIrcAsync("silent");
        await silent.SendAsync("JOIN #general");
        await text.ExpectAsync("*** silent joined #general");

        // Enough to fill the kernel's socket buffers (several MB on loopback) as well as the 64 KB queue.
        var quit = text.ExpectAsync("*** silent quit", TimeSpan.FromSeconds(30));
        var line = new string('z', 3000);
        for (var i = 0; i < 5000 && !quit.IsCompleted; i++)
        {
            await text.SendAsync($"{i} {line}");
        }

        Assert.Equal("*** silent quit (send queue exceeded)", await quit);
    }
}
