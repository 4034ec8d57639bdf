using Chat.Tests.Infrastructure;

namespace Chat.Tests.Irc;

public class IrcRegistrationTests
{
    [Fact]
    public async Task NickAndUserRegisterWithTheWholeWelcomeBurstAndNoRoom()
    {
        await using var server = await IrcTestServer.StartAsync("Chat:Irc:Motd:0=Hello from the tests.");
        await using var text = await server.ConnectTextAsync("tess");
        await using var irc = await server.ConnectIrcAsync();

        await irc.SendAsync("NICK alice");
        await irc.SendAsync("USER al 0 * :Alice Liddell");
        await irc.ExpectAsync(" 376 alice ");

        // One 372 per line of the MOTD: appsettings.json has three, the first of them replaced here.
        var burst = irc.Received.Skip(1).Select(line => line.Split(' ')[1]).Distinct().ToList();
        Assert.Equal(["001", "002", "003", "004", "005", "251", "252", "253", "254", "255", "375", "372", "376"], burst);
        Assert.Equal(":ChatApp 001 alice :Welcome to the ChatApp IRC Network alice!alice@chatapp", irc.Received[1]);
        Assert.Equal(":ChatApp 004 alice ChatApp ChatApp-1.0.0 i :bikmnortv", irc.Received[4]);
        Assert.Contains("CASEMAPPING=ascii CHANTYPES=# NICKLEN=24 CHANNELLEN=33 TOPICLEN=300", irc.Received[5]);
        Assert.Equal(":ChatApp 251 alice :There are 2 users and 0 invisible on 1 servers", irc.Received[6]);
        Assert.Equal(":ChatApp 372 alice :- Hello from the tests.", irc.Received[12]);

        // IRC clients join their channels themselves: alice is in no room, and #general heard nothing.
        await irc.SendAsync("WHOIS alice");
        Assert.DoesNotContain(" 319 ", string.Join('\n', await irc.SyncAsync()));
        await text.SendAsync("/who");
        Assert.Equal("*** #general (1): tess", await text.ReadLineAsync());
    }

    [Fact]
    public async Task CapabilityNegotiationHoldsRegistrationUntilCapEnd()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var irc = await server.ConnectIrcAsync();

        await irc.SendAsync("CAP LS");
        Assert.Equal(":ChatApp CAP * LS :batch echo-message message-tags multi-prefix sasl server-time", await irc.ReadLineAsync());
        await irc.SendAsync("CAP LS 302");
        Assert.Equal(":ChatApp CAP * LS :batch echo-message message-tags multi-prefix sasl=PLAIN server-time", await irc.ReadLineAsync());
        await irc.SendAsync("NICK alice");
        await irc.SendAsync("USER alice 0 * :Alice");
        await irc.SendAsync("CAP REQ :server-time echo-message");
        Assert.Equal(":ChatApp CAP * ACK :server-time echo-message", await irc.ReadLineAsync());
        await irc.SendAsync("CAP REQ :server-time unknown-cap");
        Assert.Equal(":ChatApp CAP * NAK :server-time unknown-cap", await irc.ReadLineAsync());
        // This server keeps no history, so it offers no draft/chathistory.
        await irc.SendAsync("CAP REQ draft/chathistory");
        Assert.Equal(":ChatApp CAP * NAK :draft/chathistory", await irc.ReadLineAsync());
        await irc.SendAsync("CAP REQ :-echo-message multi-prefix");
        Assert.Equal(":ChatApp CAP * ACK :-echo-message multi-prefix", await irc.ReadLineAsync());
        await irc.SendAsync("CAP LIST");
        Assert.Equal(":ChatApp CAP * LIST :multi-prefix server-time", await irc.ReadLineAsync());
        await irc.SendAsync("CAP FROB");
        Assert.Equal(":ChatApp 410 * FROB :Invalid CAP command", await irc.ReadLineAsync());

        await irc.SendAsync("CAP END");
        Assert.Equal(":ChatApp 001 alice :Welcome to the ChatApp IRC Network alice!alice@chatapp", await irc.ReadLineAsync());
        await irc.ExpectAsync(" 376 alice ");
        await irc.SendAsync("CAP LIST");
        Assert.Equal(":ChatApp CAP alice LIST :multi-prefix server-time", await irc.ReadLineAsync());
    }

    [Fact]
    public async Task BadAndTakenNicksGetTheirNumericsAndTheClientMayTryAgain()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var bob = await server.ConnectTextAsync("bob");
        await using var irc = await server.ConnectIrcAsync();

        await irc.SendAsync("NICK");
        Assert.Equal(":ChatApp 431 * :No nickname given", await irc.ReadLineAsync());
        await irc.SendAsync("NICK [bot]");
        Assert.StartsWith(":ChatApp 432 * [bot] :Erroneous nickname: Names are 1 to 24 letters, digits", await irc.ReadLineAsync());
        await irc.SendAsync("NICK :two words");
        Assert.StartsWith(":ChatApp 432 * * :Erroneous nickname", await irc.ReadLineAsync());
        await irc.SendAsync("NICK BOB");
        Assert.Equal(":ChatApp 433 * BOB :Nickname is already in use", await irc.ReadLineAsync());
        await irc.SendAsync("USER x 0 * :X");
        await irc.SendAsync("NICK robert");
        Assert.StartsWith(":ChatApp 001 robert ", await irc.ReadLineAsync());
    }

    [Fact]
    public async Task BeforeRegistrationOnlyTheDialogueWorksAfterItTheDialogueIsRefused()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var irc = await server.ConnectIrcAsync();

        await irc.SendAsync("JOIN #general");
        Assert.Equal(":ChatApp 451 * :You have not registered", await irc.ReadLineAsync());
        await irc.SendAsync("PRIVMSG #general :hi");
        Assert.Equal(":ChatApp 451 * :You have not registered", await irc.ReadLineAsync());
        await irc.SendAsync("PING early");
        Assert.Equal(":ChatApp PONG ChatApp :early", await irc.ReadLineAsync());
        await irc.SendAsync("USER");
        Assert.Equal(":ChatApp 461 * USER :Not enough parameters", await irc.ReadLineAsync());
        await irc.RegisterIrcAsync("alice");

        await irc.SendAsync("USER alice 0 * :Alice");
        Assert.Equal(":ChatApp 462 alice :You may not reregister", await irc.ReadLineAsync());
        await irc.SendAsync("PASS again");
        Assert.Equal(":ChatApp 462 alice :You may not reregister", await irc.ReadLineAsync());
    }

    [Fact]
    public async Task QuitSaysGoodbyeWithAnErrorLineAndClosesBeforeRegistrationToo()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using (var early = await server.ConnectIrcAsync())
        {
            await early.SendAsync("QUIT");
            Assert.Equal(["ERROR :Closing link: Goodbye!"], await early.ExpectClosedAsync());
        }

        await using var text = await server.ConnectTextAsync("tess");
        await using var irc = await server.ConnectIrcAsync("alice");
        await irc.SendAsync("JOIN #general");
        await text.ExpectAsync("*** alice joined #general");
        await irc.SendAsync("QUIT :gone fishing");
        Assert.Contains("ERROR :Closing link: Goodbye!", await irc.ExpectClosedAsync());
        Assert.Equal("*** alice quit (gone fishing)", await text.ExpectAsync("quit"));
    }
}
