using Chat.Handlers.Fronts.Irc;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Irc;

public class IrcQueryTests
{
    [Fact]
    public async Task WhoAndWhoisDescribeUsersOfEveryFront()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var alice = await server.ConnectIrcAsync("alice");
        await alice.SendAsync("JOIN #general,#dev");
        await alice.SendAsync("AWAY :back soon");
        await alice.SyncAsync();
        await using var bob = await server.ConnectIrcAsync("bob");

        await bob.SendAsync("WHO #general");
        await bob.SendAsync("WHO tess");
        await bob.SendAsync("WHO nobody");
        Assert.Equal(
            [
                ":ChatApp 352 bob #general alice chatapp ChatApp alice G :0 alice the tester",
                ":ChatApp 352 bob #general tess chatapp ChatApp tess H :0 tess",
                ":ChatApp 315 bob #general :End of WHO list",
                ":ChatApp 352 bob * tess chatapp ChatApp tess H :0 tess",
                ":ChatApp 315 bob tess :End of WHO list",
                ":ChatApp 315 bob nobody :End of WHO list",
            ],
            await bob.SyncAsync());

        await bob.SendAsync("WHOIS alice");
        await bob.SendAsync("WHOIS ChatApp TESS");
        await bob.SendAsync("WHOIS nobody");
        Assert.Equal(
            [
                ":ChatApp 311 bob alice alice chatapp * :alice the tester",
                ":ChatApp 319 bob alice :#general #dev",
                ":ChatApp 312 bob alice ChatApp :ChatApp",
                ":ChatApp 301 bob alice :back soon",
                ":ChatApp 318 bob alice :End of /WHOIS list",
                ":ChatApp 311 bob tess tess chatapp * :tess",
                ":ChatApp 319 bob tess :#general",
                ":ChatApp 312 bob tess ChatApp :ChatApp",
                ":ChatApp 318 bob tess :End of /WHOIS list",
                ":ChatApp 401 bob nobody :No such nick/channel",
                ":ChatApp 318 bob nobody :End of /WHOIS list",
            ],
            await bob.SyncAsync());
    }

    [Fact]
    public async Task IsonUserhostAndAwayAnswerForEveryFront()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var alice = await server.ConnectIrcAsync("alice");

        await alice.SendAsync("ISON tess nobody ALICE");
        await alice.SendAsync("ISON :tess bob");
        await alice.SendAsync("AWAY :\u001b[31mout\u0002 to lunch");
        await alice.SendAsync("USERHOST alice tess nobody");
        await alice.SendAsync("AWAY");
        await alice.SendAsync("USERHOST alice");
        Assert.Equal(
            [
                ":ChatApp 303 alice :tess alice",
                ":ChatApp 303 alice :tess",
                ":ChatApp 306 alice :You have been marked as being away",
                ":ChatApp 302 alice :alice=-alice@chatapp tess=+tess@chatapp",
                ":ChatApp 305 alice :You are no longer marked as being away",
                ":ChatApp 302 alice :alice=+alice@chatapp",
            ],
            await alice.SyncAsync());
    }

    [Fact]
    public async Task MotdLusersVersionAndHelpAnswer()
    {
        await using var server = await IrcTestServer.StartAsync("Chat:Irc:Network=TestNet");
        await using var text = await server.ConnectTextAsync("tess");
        await using var alice = await server.ConnectIrcAsync("alice");

        await alice.SendAsync("MOTD");
        var motd = await alice.SyncAsync();
        Assert.Equal(":ChatApp 375 alice :- ChatApp Message of the day - ", motd[0]);
        Assert.Equal(":ChatApp 372 alice :- Welcome to ChatApp's IRC front.", motd[1]);
        Assert.Equal(":ChatApp 376 alice :End of /MOTD command.", motd[^1]);

        await alice.SendAsync("LUSERS");
        await alice.SendAsync("VERSION");
        Assert.Equal(
            [
                ":ChatApp 251 alice :There are 2 users and 0 invisible on 1 servers",
                ":ChatApp 252 alice 0 :operator(s) online",
                ":ChatApp 253 alice 0 :unknown connection(s)",
                ":ChatApp 254 alice 2 :channels formed",
                ":ChatApp 255 alice :I have 2 clients and 0 servers",
                ":ChatApp 351 alice ChatApp-1.0.0 ChatApp :ChatApp IRC front",
            ],
            await alice.SyncAsync());

        await alice.SendAsync("HELP roll");
        Assert.Equal([":ChatApp NOTICE alice :/roll [NdM] - Roll dice for the room, for example /roll 2d6 (at most 100d1000)."], await alice.SyncAsync());
    }

    [Fact]
    public async Task ServerWithoutMotdSays422()
    {
        await using var server = await IrcTestServer.StartAsync(builder => builder.Services.PostConfigure<IrcOptions>(irc => irc.Motd.Clear()));
        await using var irc = await server.ConnectIrcAsync();

        await irc.SendAsync("NICK alice");
        await irc.SendAsync("USER alice 0 * :Alice");

        await irc.ExpectAsync(":ChatApp 422 alice :MOTD File is missing");
    }

    [Fact]
    public async Task NickChangesReachEveryFrontAndTakenNamesAre433()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var alice = await server.ConnectIrcAsync("alice");
        await alice.SendAsync("JOIN #general");
        await alice.SyncAsync();

        await alice.SendAsync("NICK alicia");
        Assert.Equal(":alice!alice@chatapp NICK alicia", await alice.ExpectAsync(" NICK "));
        Assert.Equal("*** alice is now known as alicia", await text.ExpectAsync("known as"));
        await alice.SendAsync("NICK TESS");
        await alice.SendAsync("NICK b@d");
        await alice.SendAsync("NICK alicia");
        Assert.Equal(
            [
                ":ChatApp 433 alicia TESS :Nickname is already in use",
                ":ChatApp 432 alicia b@d :Erroneous nickname: Names are 1 to 24 letters, digits, '_' or '-'.",
            ],
            await alice.SyncAsync());

        await text.SendAsync("/nick tessa");
        Assert.Equal(":tess!tess@chatapp NICK tessa", await alice.ExpectAsync(" NICK "));
    }

    [Fact]
    public async Task UnknownCommandsAre421AndTheCoresOwnCommandsRunAsTyped()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tess");
        await using var alice = await server.ConnectIrcAsync("alice");

        await alice.SendAsync("FROBNICATE now");
        await alice.SendAsync("ROOMS");
        await alice.SendAsync("ROLL 2d6");
        await alice.SendAsync("LOGIN alice");
        Assert.Equal(
            [
                ":ChatApp 421 alice FROBNICATE :Unknown command",
                ":ChatApp NOTICE alice :Rooms (2):",
                ":ChatApp NOTICE alice :  #general (1)",
                ":ChatApp NOTICE alice :  #random (0)",
                ":ChatApp NOTICE alice :You are in no room; /join one to talk.",
                ":ChatApp NOTICE alice :Usage: /login NAME PASSWORD",
            ],
            await alice.SyncAsync());

        // The roll is an action the user did not type: it comes back to them without echo-message.
        await alice.SendAsync("JOIN #dev,#general");
        await alice.SendAsync("ROLL 2d6");
        await alice.SendAsync("ROLL #dev 1d4");
        Assert.Matches(@"^:alice!alice@chatapp PRIVMSG #general :\u0001ACTION rolls 2d6: \d \+ \d = \d+\u0001$", await alice.ExpectAsync("rolls 2d6"));
        Assert.StartsWith(":alice!alice@chatapp PRIVMSG #dev :\u0001ACTION rolls 1d4: ", await alice.ExpectAsync("rolls 1d4"));
        Assert.StartsWith("#general * alice rolls 2d6: ", await text.ExpectAsync("rolls"));
    }
}
