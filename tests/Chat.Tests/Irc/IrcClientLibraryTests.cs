using Chat.Tests.Infrastructure;
using Chat.Tests.Tls;

namespace Chat.Tests.Irc;

/// <summary>A real IRC client library (python3-irc) in the same room as an nc-style text user and a JSON user.</summary>
public class IrcClientLibraryTests(TestCertificate certificate) : IClassFixture<TestCertificate>
{
    [Fact]
    public async Task AnIrcUserATextUserAndAJsonUserChatAndEachSeesTheOthers()
    {
        await using var server = await IrcTestServer.StartAsync();
        await using var nina = await server.ConnectTextAsync("nina");
        await using var jay = await server.ConnectJsonAsync("jay");
        using var ivan = PythonIrcUser.Start(server.IrcPort, "ivan");
        await ivan.ExpectAsync("welcome ChatApp ivan :Welcome to the ChatApp IRC Network");

        await ivan.DoAsync("join #general");
        await ivan.ExpectAsync("join ivan #general");
        Assert.Contains("nina", await ivan.ExpectAsync("namreply"));
        await nina.ExpectAsync("*** ivan joined #general");
        await jay.ExpectJsonAsync("join", e => e.GetProperty("name").GetString() == "ivan");

        // Room messages, every way.
        await ivan.DoAsync("say #general hello from irc");
        Assert.Equal("#general <ivan> hello from irc", await nina.ExpectAsync("<ivan>"));
        Assert.Equal("hello from irc", (await jay.ExpectJsonAsync("message")).GetProperty("text").GetString());
        await nina.SendAsync("hello from nc");
        Assert.Equal("pubmsg nina #general :hello from nc", await ivan.ExpectAsync("pubmsg nina"));
        await jay.SendAsync("""{"type":"say","text":"hello from json"}""");
        Assert.Equal("pubmsg jay #general :hello from json", await ivan.ExpectAsync("pubmsg jay"));

        // /me both ways.
        await ivan.DoAsync("action #general waves");
        Assert.Equal("#general * ivan waves", await nina.ExpectAsync("* ivan"));
        Assert.Equal("waves", (await jay.ExpectJsonAsync("action")).GetProperty("text").GetString());
        await nina.SendAsync("/me waves back");
        Assert.Equal("action nina #general :waves back", await ivan.ExpectAsync("action nina"));

        // Nick changes, seen by everyone.
        await ivan.DoAsync("nick ivan2");
        await ivan.ExpectAsync("nick ivan ivan2");
        Assert.Equal("*** ivan is now known as ivan2", await nina.ExpectAsync("known as"));
        var nick = await jay.ExpectJsonAsync("nick");
        Assert.Equal("ivan2", nick.GetProperty("newName").GetString());
        await nina.SendAsync("/nick nina2");
        await ivan.ExpectAsync("nick nina nina2");

        // Topics, both ways.
        await ivan.DoAsync("topic #general set on irc");
        Assert.Equal("*** ivan2 set the topic of #general: set on irc", await nina.ExpectAsync("topic"));
        Assert.Equal("set on irc", (await jay.ExpectJsonAsync("topic")).GetProperty("topic").GetString());
        await nina.SendAsync("/topic #general set on nc");
        Assert.Equal("topic nina2 #general :set on nc", await ivan.ExpectAsync("topic nina2"));

        // Direct messages, each way.
        await nina.SendAsync("/msg ivan2 psst from nc");
        Assert.Equal("privmsg nina2 ivan2 :psst from nc", await ivan.ExpectAsync("privmsg nina2"));
        await ivan.DoAsync("say nina2 psst from irc");
        Assert.Equal("*ivan2 -> nina2* psst from irc", await nina.ExpectAsync("psst from irc"));
        await jay.SendAsync("""{"type":"say","to":"ivan2","text":"psst from json"}""");
        Assert.Equal("privmsg jay ivan2 :psst from json", await ivan.ExpectAsync("privmsg jay"));
        await ivan.DoAsync("say jay psst to json");
        var direct = await jay.ExpectJsonAsync("message", e => e.GetProperty("text").GetString() == "psst to json");
        Assert.Equal("ivan2", direct.GetProperty("from").GetString());

        // Part and quit.
        // (This library writes PART's reason without ':', so only its first word arrives, as on any IRC server.)
        await ivan.DoAsync("part #general later");
        Assert.Equal("*** ivan2 left #general (later)", await nina.ExpectAsync("left"));
        Assert.Equal("later", (await jay.ExpectJsonAsync("leave")).GetProperty("reason").GetString());
        await ivan.DoAsync("join #general");
        await nina.ExpectAsync("*** ivan2 joined #general");
        await ivan.DoAsync("quit bye all");
        Assert.Equal(0, await ivan.WaitForExitAsync());
        Assert.Equal("*** ivan2 quit (bye all)", await nina.ExpectAsync("quit"));
        var quit = await jay.ExpectJsonAsync("quit");
        Assert.Equal("ivan2", quit.GetProperty("name").GetString());

        // Nothing the IRC user did reached it twice: without echo-message its own lines never came back.
        Assert.DoesNotContain(ivan.Seen, line => line.StartsWith("pubmsg ivan", StringComparison.Ordinal) || line.StartsWith("action ivan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheIrcTlsPortServesTheLibraryOverTlsAndWhoisShowsIt()
    {
        await using var server = await IrcTestServer.StartAsync($"Kestrel:Endpoints:IrcTls:Certificate:Path={certificate.PfxPath}");
        await using var nina = await server.ConnectTextAsync("nina");
        using var ivan = PythonIrcUser.Start(server.IrcTlsPort, "ivan", certificate.Fingerprint);

        Assert.Equal("tls True", await ivan.ExpectAsync("tls"));
        await ivan.ExpectAsync("welcome ChatApp ivan");
        await ivan.DoAsync("join #general");
        await nina.ExpectAsync("*** ivan joined #general");
        await ivan.DoAsync("say #general over tls");
        Assert.Equal("#general <ivan> over tls", await nina.ExpectAsync("<ivan>"));
        await nina.SendAsync("/who");
        Assert.Equal("*** #general (2): ivan (tls), nina", await nina.ExpectAsync("*** #general ("));

        await using var irc = await server.ConnectIrcAsync("plain");
        await irc.SendAsync("WHOIS ivan");
        Assert.Contains(":ChatApp 671 plain ivan :is using a secure connection", await irc.SyncAsync());
    }

    [Fact]
    public async Task APlaintextClientOnTheIrcTlsPortGetsNothing()
    {
        await using var server = await IrcTestServer.StartAsync($"Kestrel:Endpoints:IrcTls:Certificate:Path={certificate.PfxPath}");
        await using var client = await TestClient.ConnectAsync(server.IrcTlsPort);

        await client.SendAsync("NICK mallory");
        await client.SendAsync("USER mallory 0 * :M");

        Assert.DoesNotContain(await client.ExpectClosedAsync(TimeSpan.FromSeconds(5)), line => line.Contains("ChatApp", StringComparison.Ordinal));
    }
}
