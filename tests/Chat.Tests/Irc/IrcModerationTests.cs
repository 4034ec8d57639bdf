using Chat.Tests.Infrastructure;

namespace Chat.Tests.Irc;

/// <summary>Room moderation as IRC clients do it: MODE with flags, keys, voice and bans, JOIN with keys, INVITE, and kills.</summary>
public class IrcModerationTests
{
    [Fact]
    public async Task OperatorsSetSeveralFlagsInOneModeLineAndTheModeQueryShowsThem()
    {
        await using var server = await IrcTestServer.StartAsync();
        var (alice, bob) = await RegisteredRoomAsync(server);
        await using var _ = alice;
        await using var __ = bob;

        await alice.SendAsync("MODE #dev +mt-i+k sesame");
        Assert.Equal(
            [
                ":alice!alice@chatapp MODE #dev +m",
                ":alice!alice@chatapp MODE #dev +t",
                ":alice!alice@chatapp MODE #dev -i",
                ":alice!alice@chatapp MODE #dev +k *",
            ],
            await alice.SyncAsync());
        Assert.Equal(4, (await bob.SyncAsync()).Count(line => line.StartsWith(":alice!alice@chatapp MODE #dev ", StringComparison.Ordinal)));

        await alice.SendAsync("MODE #dev");
        Assert.Equal([":ChatApp 324 alice #dev +nrmtk :sesame"], await alice.SyncAsync());
        await bob.SendAsync("MODE #dev");
        await bob.SendAsync("MODE #dev -m");
        await bob.SendAsync("PRIVMSG #dev :can I talk?");
        await bob.SendAsync("TOPIC #dev :mine now");
        await bob.SendAsync("MODE #dev +k");
        Assert.Equal(
            [
                ":ChatApp 324 bob #dev +nrmtk :*",
                ":ChatApp 482 bob #dev :You're not channel operator",
                ":ChatApp 404 bob #dev :Cannot send to channel (+m)",
                ":ChatApp 482 bob #dev :You're not channel operator",
                ":ChatApp 461 bob MODE :Not enough parameters",
            ],
            await bob.SyncAsync());

        await alice.SendAsync("MODE #dev -mtk *");
        await alice.SendAsync("MODE #dev");
        Assert.Equal(
            [
                ":alice!alice@chatapp MODE #dev -m",
                ":alice!alice@chatapp MODE #dev -t",
                ":alice!alice@chatapp MODE #dev -k *",
                ":ChatApp 324 alice #dev :+nr",
            ],
            await alice.SyncAsync());
    }

    [Fact]
    public async Task VoiceLetsAMemberSpeakInAModeratedRoomAndShowsAsPlusInNamesAndWho()
    {
        await using var server = await IrcTestServer.StartAsync();
        var (alice, bob) = await RegisteredRoomAsync(server, "multi-prefix");
        await using var _ = alice;
        await using var __ = bob;

        await alice.SendAsync("MODE #dev +mvv bob alice");
        Assert.Equal(":alice!alice@chatapp MODE #dev +v alice", await bob.ExpectAsync(" MODE #dev +v alice"));
        await bob.SendAsync("PRIVMSG #dev :now I speak");
        Assert.Equal(":bob!bob@chatapp PRIVMSG #dev :now I speak", await alice.ExpectAsync(" PRIVMSG "));

        await alice.SendAsync("NAMES #dev");
        await alice.SendAsync("WHO #dev");
        var replies = await alice.SyncAsync();
        Assert.Contains(":ChatApp 353 alice = #dev :@+alice +bob", replies);
        Assert.Contains(":ChatApp 352 alice #dev alice chatapp ChatApp alice H@+ :0 alice the tester", replies);
        Assert.Contains(":ChatApp 352 alice #dev bob chatapp ChatApp bob H+ :0 bob the tester", replies);
        // Without multi-prefix, the higher prefix alone.
        await bob.SendAsync("NAMES #dev");
        Assert.Equal([":ChatApp 353 bob = #dev :@alice +bob", ":ChatApp 366 bob #dev :End of /NAMES list"], await bob.SyncAsync());

        await alice.SendAsync("MODE #dev -v bob");
        await alice.ExpectAsync(" MODE #dev -v bob");
        await bob.SendAsync("PRIVMSG #dev :and now?");
        Assert.Equal([":alice!alice@chatapp MODE #dev -v bob", ":ChatApp 404 bob #dev :Cannot send to channel (+m)"], await bob.SyncAsync());
        await alice.SendAsync("MODE #dev +v nobody");
        Assert.Equal([":ChatApp 401 alice nobody :No such nick/channel"], await alice.SyncAsync());
    }

    [Fact]
    public async Task KeysBansInvitationsAndMutesHaveTheirNumerics()
    {
        await using var server = await IrcTestServer.StartAsync();
        var (alice, bob) = await RegisteredRoomAsync(server);
        await using var _ = alice;
        await using var __ = bob;
        await using var dave = await server.ConnectIrcAsync("dave");

        await alice.SendAsync("MODE #dev +k sesame");
        await alice.SyncAsync();
        await bob.ExpectAsync(" MODE #dev +k *");
        await dave.SendAsync("JOIN #dev");
        await dave.SendAsync("JOIN #dev wrong");
        Assert.Equal(
            [":ChatApp 475 dave #dev :Cannot join channel (+k)", ":ChatApp 475 dave #dev :Cannot join channel (+k)"],
            await dave.SyncAsync());
        await dave.SendAsync("JOIN #lobby,#dev x,sesame");
        Assert.Equal(":dave!dave@chatapp JOIN #dev", await alice.ExpectAsync(" JOIN #dev"));

        // An IRC mask names the nick it bans; the ban list shows ChatApp's spelling, which -b takes back.
        await alice.SendAsync("MODE #dev +b dave!*@*");
        Assert.Equal(":alice!alice@chatapp KICK #dev dave :alice", await dave.ExpectAsync(" KICK "));
        await alice.SendAsync("MODE #dev b");
        var replies = await alice.SyncAsync();
        Assert.Equal([":ChatApp 367 alice #dev :dave", ":ChatApp 368 alice #dev :End of channel ban list"], replies[^2..]);
        await dave.SendAsync("JOIN #dev sesame");
        Assert.Equal([":ChatApp 474 dave #dev :Cannot join channel (+b)"], await dave.SyncAsync());
        await alice.SendAsync("MODE #dev -b+i dave");
        await alice.SendAsync("MODE #dev +b");
        Assert.Equal(
            [
                ":alice!alice@chatapp MODE #dev -b dave",
                ":alice!alice@chatapp MODE #dev +i",
                ":ChatApp 368 alice #dev :End of channel ban list",
            ],
            await alice.SyncAsync());

        await bob.ExpectAsync(" MODE #dev +i");
        await bob.SyncAsync();
        await dave.SendAsync("JOIN #dev sesame");
        await dave.SendAsync("INVITE bob #dev");
        await bob.SendAsync("INVITE dave #dev");
        await alice.SendAsync("INVITE bob #dev");
        await alice.SendAsync("INVITE nobody #dev");
        await alice.SendAsync("INVITE dave #nowhere");
        Assert.Equal(
            [
                ":ChatApp 473 dave #dev :Cannot join channel (+i)",
                ":ChatApp 442 dave #dev :You're not on that channel",
            ],
            await dave.SyncAsync());
        Assert.Equal([":ChatApp 482 bob #dev :You're not channel operator"], await bob.SyncAsync());
        Assert.Equal(
            [
                ":ChatApp 443 alice bob #dev :is already on channel",
                ":ChatApp 401 alice nobody :No such nick/channel",
                ":ChatApp 403 alice #nowhere :No such channel",
            ],
            await alice.SyncAsync());

        await alice.SendAsync("INVITE dave #dev");
        Assert.Equal(":alice!alice@chatapp INVITE dave #dev", await dave.ExpectAsync(" INVITE "));
        Assert.Equal(
            [":alice!alice@chatapp INVITE dave #dev", ":ChatApp 341 alice dave :#dev"],
            await alice.SyncAsync());
        await dave.SendAsync("JOIN #dev");
        Assert.Equal(":dave!dave@chatapp JOIN #dev", await alice.ExpectAsync(" JOIN #dev"));

        await alice.SendAsync("MUTE dave");
        await dave.ExpectAsync("muted dave");
        await dave.SendAsync("PRIVMSG #dev :hello?");
        Assert.Equal([":ChatApp 404 dave #dev :Cannot send to channel (muted)"], await dave.SyncAsync());
    }

    [Theory]
    [InlineData("bob!*@*", "bob")]
    [InlineData("spam*!*@*", "spam*")]
    [InlineData("*!*@203.0.113.7", "203.0.113.7")]
    [InlineData("*!*@203.0.113.0/24", "203.0.113.0/24")]
    [InlineData("bob", "bob")]
    [InlineData("*!*@chatapp", "*!*@chatapp")]     // every user's host: left as it is, for the core to refuse
    [InlineData("*!*@*", "*!*@*")]
    public void IrcBanMasksBecomeChatAppMasks(string irc, string chatApp) =>
        Assert.Equal(chatApp, Chat.Handlers.Fronts.Irc.Commands.IrcChannelModes.FromIrcMask(irc));

    [Fact]
    public async Task AKilledUserQuitsForTheRoomAndGetsAnErrorAsItsLastLine()
    {
        await using var server = await IrcTestServer.StartAsync("Chat:Operators:0=sysop");
        await using var sysop = await server.ConnectIrcAsync("sysop");
        await using var alice = await server.ConnectIrcAsync("alice");
        await using var bob = await server.ConnectIrcAsync("bob");
        await sysop.SendAsync("REGISTER sysopsecret");
        await sysop.ExpectAsync("registered");
        await alice.SendAsync("JOIN #general");
        await alice.SyncAsync();
        await bob.SendAsync("JOIN #general");
        await alice.ExpectAsync(":bob!bob@chatapp JOIN #general");

        await alice.SendAsync("KILL bob no");
        Assert.Equal([":ChatApp 481 alice :Permission Denied- You're not an IRC operator"], await alice.SyncAsync());

        await sysop.SendAsync("KILL bob spamming");
        Assert.Equal(":bob!bob@chatapp QUIT :Killed (sysop: spamming)", await alice.ExpectAsync(" QUIT "));
        var last = await bob.ExpectClosedAsync();
        Assert.Equal("ERROR :Closing link: Killed (sysop: spamming)", last[^1]);
    }

    /// <summary>alice owns #dev (registered); bob, logged in to his own account, is in it.</summary>
    private static async Task<(TestClient Alice, TestClient Bob)> RegisteredRoomAsync(TestServer server, params string[] aliceCapabilities)
    {
        var alice = await server.ConnectIrcAsync("alice", aliceCapabilities);
        var bob = await server.ConnectIrcAsync("bob");
        await alice.SendAsync("REGISTER wonderland");
        await alice.SendAsync("JOIN #dev");
        await alice.SendAsync("ROOM register #dev");
        await alice.ExpectAsync(":alice!alice@chatapp MODE #dev +r");
        await bob.SendAsync("REGISTER bobsecret1");
        await bob.SendAsync("JOIN #dev");
        await alice.ExpectAsync(":bob!bob@chatapp JOIN #dev");
        await bob.SyncAsync();
        await alice.SyncAsync();
        return (alice, bob);
    }
}
