using Chat.Tests.Infrastructure;

namespace Chat.Tests.Irc;

public class IrcChannelTests
{
    [Fact]
    public async Task JoinTakesSeveralChannelsAndAnswersEachWithTopicAndNames()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await text.SendAsync("/topic #general welcome all");
        await text.ExpectAsync("set the topic");
        await using var irc = await server.ConnectIrcAsync("alice");

        await irc.SendAsync("JOIN #general,#dev key1,key2");
        Assert.Equal(
            [
                ":alice!alice@chatapp JOIN #general",
                ":ChatApp 332 alice #general :welcome all",
                ":ChatApp 353 alice = #general :alice tess",
                ":ChatApp 366 alice #general :End of /NAMES list",
                ":alice!alice@chatapp JOIN #dev",
                ":ChatApp 353 alice = #dev :alice",
                ":ChatApp 366 alice #dev :End of /NAMES list",
            ],
            await irc.SyncAsync());
        Assert.Equal("*** alice joined #general", await text.ExpectAsync("alice"));

        // Joining again is a no-op; a name without '#' is no channel; a bad name is refused by the room rules.
        await irc.SendAsync("JOIN #general,dev,#bad!name");
        Assert.Equal(
            [
                ":ChatApp 403 alice dev :No such channel",
                ":ChatApp 476 alice #bad!name :Bad channel name: Room names are 1 to 32 letters, digits, '_' or '-'.",
            ],
            await irc.SyncAsync());
    }

    [Fact]
    public async Task JoinZeroPartsEveryChannelAndPartSaysWhy()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var irc = await server.ConnectIrcAsync("alice");
        await irc.SendAsync("JOIN #general,#dev,#ops");
        await irc.SyncAsync();

        await irc.SendAsync("PART #ops :lunch");
        await irc.SendAsync("PART #ops,nochan");
        Assert.Equal(
            [
                ":alice!alice@chatapp PART #ops :lunch",
                ":ChatApp 442 alice #ops :You're not on that channel",
                ":ChatApp 403 alice nochan :No such channel",
            ],
            await irc.SyncAsync());

        await irc.SendAsync("JOIN 0");
        Assert.Equal([":alice!alice@chatapp PART #general", ":alice!alice@chatapp PART #dev"], await irc.SyncAsync());
        Assert.Equal("*** alice left #general", await text.ExpectAsync("left"));
    }

    [Fact]
    public async Task TopicIsReadWithoutMembershipAndSetByMembersForEveryFront()
    {
        await using var server = await IrcTestServer.StartAsync("Chat:Limits:MaxTopicLength=10");
        await using var text = await server.ConnectTextAsync("tess");
        await using var json = await server.ConnectJsonAsync("jay");
        await using var irc = await server.ConnectIrcAsync("alice");

        await irc.SendAsync("TOPIC #general");
        await irc.SendAsync("TOPIC #nowhere");
        await irc.SendAsync("TOPIC #general :not a member");
        Assert.Equal(
            [
                ":ChatApp 331 alice #general :No topic is set",
                ":ChatApp 403 alice #nowhere :No such channel",
                ":ChatApp 442 alice #general :You're not on that channel",
            ],
            await irc.SyncAsync());

        await irc.SendAsync("JOIN #general");
        await irc.SendAsync("TOPIC #general :release is on friday");
        Assert.Equal(":alice!alice@chatapp TOPIC #general :release is", await irc.ExpectAsync(" TOPIC "));
        Assert.Equal("*** alice set the topic of #general: release is", await text.ExpectAsync("topic"));
        var topic = await json.ExpectJsonAsync("topic");
        Assert.Equal("release is", topic.GetProperty("topic").GetString());

        await text.SendAsync("/topic #general by tess");
        Assert.Equal(":tess!tess@chatapp TOPIC #general :by tess", await irc.ExpectAsync(" TOPIC "));
        await irc.SendAsync("TOPIC #general");
        Assert.Equal([":ChatApp 332 alice #general :by tess"], await irc.SyncAsync());
    }

    [Fact]
    public async Task NamesAndListShowTheRoomsOfEveryFront()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var json = await server.ConnectJsonAsync("jay");
        await using var irc = await server.ConnectIrcAsync("alice");
        await text.SendAsync("/topic #general all hands");
        await text.ExpectAsync("set the topic");

        await irc.SendAsync("NAMES #general,#nowhere");
        await irc.SendAsync("NAMES");
        Assert.Equal(
            [
                ":ChatApp 353 alice = #general :jay tess",
                ":ChatApp 366 alice #general :End of /NAMES list",
                ":ChatApp 366 alice #nowhere :End of /NAMES list",
                ":ChatApp 366 alice * :End of /NAMES list",
            ],
            await irc.SyncAsync());

        await irc.SendAsync("LIST");
        await irc.SendAsync("LIST #random");
        Assert.Equal(
            [
                ":ChatApp 321 alice Channel :Users  Name",
                ":ChatApp 322 alice #general 2 :all hands",
                ":ChatApp 322 alice #random 0 :",
                ":ChatApp 323 alice :End of /LIST",
                ":ChatApp 321 alice Channel :Users  Name",
                ":ChatApp 322 alice #random 0 :",
                ":ChatApp 323 alice :End of /LIST",
            ],
            await irc.SyncAsync());
    }

    [Fact]
    public async Task NamesOfABigRoomAreCutIntoLinesOfAtMost512Bytes()
    {
        await using var server = await IrcTestServer.StartAsync("Chat:Limits:MaxConnectionsPerIp=100");
        var users = new List<TestClient>();
        for (var i = 0; i < 40; i++)
        {
            users.Add(await server.ConnectTextAsync($"user-with-a-long-name-{i:00}"));
        }

        await using var irc = await server.ConnectIrcAsync("alice");
        await irc.SendAsync("NAMES #general");
        var names = (await irc.SyncAsync()).Where(line => line.Contains(" 353 ")).ToList();

        Assert.True(names.Count > 1);
        Assert.All(names, line => Assert.True(line.Length + 2 <= 512, line));
        Assert.Equal(40, names.SelectMany(line => line[(line.IndexOf(" :", StringComparison.Ordinal) + 2)..].Split(' ')).Count());
        foreach (var user in users)
        {
            await user.DisposeAsync();
        }
    }

    [Fact]
    public async Task ChannelModesAreReadAndOnlyOwnersGiveOperatorRightsAndUserModeIIsKept()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var irc = await server.ConnectIrcAsync("alice");

        await irc.SendAsync("JOIN #general");
        await irc.SyncAsync();
        await irc.SendAsync("MODE #general");
        await irc.SendAsync("MODE #general b");
        await irc.SendAsync("MODE #general +o tess");
        await irc.SendAsync("MODE #general +k secret");
        await irc.SendAsync("MODE #general +x");
        await irc.SendAsync("MODE #nowhere");
        Assert.Equal(
            [
                ":ChatApp 324 alice #general :+n",
                ":ChatApp 368 alice #general :End of channel ban list",
                ":ChatApp 482 alice #general :You're not the channel owner",
                ":ChatApp 482 alice #general :You're not channel operator",
                ":ChatApp 472 alice x :is unknown mode char to me",
                ":ChatApp 403 alice #nowhere :No such channel",
            ],
            await irc.SyncAsync());

        await irc.SendAsync("MODE alice");
        await irc.SendAsync("MODE alice +i");
        await irc.SendAsync("MODE ALICE");
        await irc.SendAsync("MODE alice +iw");
        await irc.SendAsync("MODE tess +i");
        await irc.SendAsync("MODE nobody");
        Assert.Equal(
            [
                ":ChatApp 221 alice :+",
                ":alice!alice@chatapp MODE alice +i",
                ":ChatApp 221 alice :+i",
                ":ChatApp 501 alice :Unknown MODE flag",
                ":ChatApp 502 alice :Can't change mode for other users",
                ":ChatApp 401 alice nobody :No such nick/channel",
            ],
            await irc.SyncAsync());
    }

    [Fact]
    public async Task TooManyChannelsIs405()
    {
        await using var server = await IrcTestServer.StartAsync("Chat:Limits:MaxRoomsPerUser=2");
        await using var irc = await server.ConnectIrcAsync("alice");

        await irc.SendAsync("JOIN #a,#b,#c");
        var replies = await irc.SyncAsync();

        Assert.Equal(":ChatApp 405 alice #c :You have joined too many channels", replies[^1]);
        Assert.Equal(2, replies.Count(line => line.EndsWith(" :End of /NAMES list", StringComparison.Ordinal)));
    }
}
