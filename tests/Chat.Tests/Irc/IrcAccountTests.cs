using Chat.Tests.Infrastructure;

namespace Chat.Tests.Irc;

/// <summary>Accounts and room moderation, as IRC clients ask for them: PASS, MODE +o, KICK, and the core's own commands.</summary>
public class IrcAccountTests
{
    [Fact]
    public async Task PassLogsInToTheAccountOfTheNickAndAWrongOneIs464()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using (var text = await server.ConnectTextAsync("tess"))
        {
            await text.SendAsync("/register hunter2hunter2");
            await text.ExpectAsync("*** The name tess is now registered to you.");
            await text.SendAsync("/quit");
            await text.ExpectClosedAsync();
        }

        await using var wrong = await server.ConnectIrcAsync();
        await wrong.SendAsync("PASS nothunter2");
        await wrong.SendAsync("NICK tess");
        await wrong.SendAsync("USER tess 0 * :Tess");
        Assert.Equal(":ChatApp 464 * :Password incorrect", await wrong.ReadLineAsync());
        await wrong.SendAsync("NICK guest1");
        await wrong.ExpectAsync(" 376 guest1 ");

        await using var irc = await server.ConnectIrcAsync();
        await irc.SendAsync("PASS hunter2hunter2");
        await irc.SendAsync("NICK tess");
        await irc.SendAsync("USER tess 0 * :Tess");
        await irc.ExpectAsync(" 376 tess ");
        Assert.Equal(":ChatApp 900 tess tess!tess@chatapp tess :You are now logged in as tess", await irc.ReadLineAsync());
    }

    [Fact]
    public async Task OwnersGiveOperatorRightsWithModeAndOperatorsKick()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var tess = await server.ConnectTextAsync("tess");
        await using var alice = await server.ConnectIrcAsync("alice");
        await using var bob = await server.ConnectIrcAsync("bob");
        await tess.SendAsync("/register hunter2hunter2");
        await tess.ExpectAsync("now registered");
        await alice.SendAsync("REGISTER wonderland");
        await alice.SendAsync("JOIN #dev");
        await alice.SendAsync("ROOM register #dev");
        Assert.Equal(":alice!alice@chatapp MODE #dev +r", await alice.ExpectAsync(" MODE "));
        await alice.SendAsync("MODE #dev");
        Assert.Equal([":ChatApp 324 alice #dev :+nr"], await alice.SyncAsync());

        await tess.SendAsync("/join #dev");
        await bob.SendAsync("JOIN #dev");
        await alice.ExpectAsync(":bob!bob@chatapp JOIN #dev");
        await alice.SendAsync("MODE #dev +o tess");
        Assert.Equal(":alice!alice@chatapp MODE #dev +o tess", await bob.ExpectAsync(" MODE "));
        Assert.Equal("*** alice made tess an operator of #dev", await tess.ExpectAsync("operator"));

        await bob.SendAsync("NAMES #dev");
        await bob.SendAsync("WHO #dev");
        var replies = await bob.SyncAsync();
        Assert.Equal(":ChatApp 353 bob = #dev :@alice bob @tess", replies[0]);
        Assert.Contains(":ChatApp 352 bob #dev tess chatapp ChatApp tess H@ :0 tess", replies);
        Assert.Contains(":ChatApp 352 bob #dev bob chatapp ChatApp bob H :0 bob the tester", replies);

        await bob.SendAsync("KICK #dev tess :no");
        await bob.SendAsync("MODE #dev +o bob");
        Assert.Equal(
            [":ChatApp 482 bob #dev :You're not channel operator", ":ChatApp 482 bob #dev :You're not the channel owner"],
            await bob.SyncAsync());

        await tess.SendAsync("/kick bob spamming");
        Assert.Equal(":tess!tess@chatapp KICK #dev bob :spamming", await bob.ExpectAsync(" KICK "));
        Assert.Equal(":tess!tess@chatapp KICK #dev bob :spamming", await alice.ExpectAsync(" KICK "));
        await bob.SendAsync("PRIVMSG #dev :still here?");
        Assert.Equal([":ChatApp 404 bob #dev :Cannot send to channel"], await bob.SyncAsync());

        await alice.SendAsync("KICK #dev tess");
        Assert.Equal("*** alice kicked tess from #dev", await tess.ExpectAsync("kicked tess"));
        await alice.SendAsync("MODE #dev -o tess");
        Assert.Equal(":alice!alice@chatapp MODE #dev -o tess", await alice.ExpectAsync(" MODE #dev -o"));
    }

    [Fact]
    public async Task RoomRulesSetOnOtherFrontsReachIrcAsModesInvitesAndNotices()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var tess = await server.ConnectTextAsync("tess");
        await using var bob = await server.ConnectIrcAsync("bob");
        await using var carol = await server.ConnectIrcAsync("carol");
        await tess.SendAsync("/register hunter2hunter2");
        await tess.SendAsync("/join dev");
        await tess.SendAsync("/room register");
        await tess.ExpectAsync("*** tess registered #dev: tess owns it");
        await bob.SendAsync("JOIN #dev");
        await tess.ExpectAsync("*** bob joined #dev");
        await bob.SyncAsync();

        await tess.SendAsync("/mode +m");
        await tess.SendAsync("/mode +k sesame");
        await tess.SendAsync("/ban mal*");
        await tess.SendAsync("/mute bob");
        await tess.SendAsync("/invite carol");
        await tess.ExpectAsync("invited carol");
        Assert.Equal(
            [
                ":tess!tess@chatapp MODE #dev +m",
                ":tess!tess@chatapp MODE #dev +k *",
                ":tess!tess@chatapp MODE #dev +b mal*",
                ":ChatApp NOTICE * :tess muted bob in #dev",      // a room broadcast: the same bytes for every IRC member
                ":tess!tess@chatapp INVITE carol #dev",
            ],
            await bob.SyncAsync());
        Assert.Equal(":tess!tess@chatapp INVITE carol #dev", await carol.ExpectAsync(" INVITE "));
    }
}
