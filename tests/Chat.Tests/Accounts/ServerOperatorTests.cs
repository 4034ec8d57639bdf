using System.Net;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Chat.Tests.Tls;

namespace Chat.Tests.Accounts;

/// <summary>Server operators (Chat:Operators) over real sockets: kill, announcements, server bans, and the audit log they leave.</summary>
public class ServerOperatorTests
{
    private const string Secret = "correct-horse-7";
    private const string Operators = "Chat:Operators:0=sysop";

    [Fact]
    public async Task AServerOperatorAnnouncesToEveryoneAndKillsAUser()
    {
        await using var server = await TestServer.StartAsync(Operators);
        await using var sysop = await OperatorAsync(server);
        await using var bob = await server.ConnectTextAsync("bob");
        await using var carol = await server.ConnectTextAsync("carol");
        await carol.SendAsync("/join dev");
        await carol.ExpectAsync("*** carol joined #dev");
        await using var dave = await server.ConnectJsonAsync("dave");

        await bob.SendAsync("/announce I am in charge");
        Assert.Equal("!!! Only server operators can do that.", await bob.ExpectAsync("!!!"));
        await bob.SendAsync("/kill carol");
        Assert.Equal("!!! Only server operators can do that.", await bob.ExpectAsync("!!!"));

        await sysop.SendAsync("/announce restart at noon");
        foreach (var user in new[] { sysop, bob, carol })
        {
            await user.ExpectAsync("*** Announcement from sysop: restart at noon");
        }

        var announcement = await dave.ExpectJsonAsync("announcement");
        Assert.Equal(("sysop", "restart at noon"), (announcement.GetProperty("by").GetString(), announcement.GetProperty("text").GetString()));

        await sysop.SendAsync("/kill nobody");
        Assert.Equal("!!! There is no user named nobody.", await sysop.ExpectAsync("!!!"));
        await sysop.SendAsync("/kill carol flooding");
        Assert.Equal("*** sysop disconnected carol (flooding)", (await carol.ExpectClosedAsync()).Last());
        await bob.ExpectAsync("*** sysop disconnected carol (flooding)");
        await sysop.ExpectAsync("*** sysop disconnected carol (flooding)");

        await sysop.SendAsync("/kill dave");
        var kill = JsonLine((await dave.ExpectClosedAsync()).Last());
        Assert.Equal(("kill", "dave", "sysop"), (kill.GetProperty("type").GetString(), kill.GetProperty("name").GetString(), kill.GetProperty("by").GetString()));
        await sysop.SendAsync("/who");
        Assert.Equal("*** #general (2): bob, sysop", await sysop.ExpectAsync("*** #general ("));
    }

    [Fact]
    public async Task AServerBanDisconnectsWhomItMatchesAndKeepsThemOutAcrossARestartUntilLifted()
    {
        var database = Path.Combine(Path.GetTempPath(), $"chat-test-{Guid.NewGuid():N}.db");
        string[] settings = [Operators, "Chat:Accounts:ConnectionString=" + TestServer.DatabaseConnectionString(database)];
        try
        {
            await using (var server = await TestServer.StartAsync(settings))
            {
                await using var sysop = await OperatorAsync(server);
                await using var spammer = await server.ConnectTextAsync("spammer");
                await sysop.SendAsync("/gban *");
                Assert.StartsWith("!!! '*' is not a mask", await sysop.ExpectAsync("!!!"));
                await sysop.SendAsync("/gban spam* bots");
                Assert.Equal("*** sysop banned spam* from the server (bots)", await sysop.ExpectAsync("banned spam*"));
                Assert.Equal("*** sysop disconnected spammer (bots)", (await spammer.ExpectClosedAsync()).Last());

                await sysop.SendAsync("/gban 127.0.0.2");
                await sysop.ExpectAsync("*** sysop banned 127.0.0.2/32 from the server");
                await using var eve = await server.ConnectAsync(IPAddress.Parse("127.0.0.2"));
                await eve.SendAsync("eve");
                Assert.Equal(["!!! You are banned from this server."], await eve.ExpectClosedAsync());
            }

            await using (var server = await TestServer.StartAsync(settings))
            {
                await using var again = await server.ConnectAsync();
                await again.SendAsync("spam2");
                Assert.Equal(["!!! You are banned from this server."], await again.ExpectClosedAsync());

                await using var sysop = await server.ConnectAsync();
                await sysop.SendAsync($"/login sysop {Secret}");
                await sysop.ExpectAsync("*** You are logged in as sysop.");
                await sysop.SendAsync("/ungban nothing");
                Assert.Equal("!!! nothing is not banned from the server.", await sysop.ExpectAsync("!!!"));
                await sysop.SendAsync("/ungban spam*");
                await sysop.ExpectAsync("*** sysop lifted the server ban on spam*");
                await using var spam3 = await server.ConnectTextAsync("spam3");
            }
        }
        finally
        {
            File.Delete(database);
        }
    }

    [Fact]
    public async Task EveryModerationActionIsOneAuditLineAndNoPasswordOrKeyIsLoggedOrShown()
    {
        const string Key = "room-key-4711";
        var logs = new LogCapture();
        await using var server = await TestServer.StartAsync(
            logs.AddTo, Operators, "Serilog:MinimumLevel:Default=Verbose", "Chat:Limits:MessagesPerSecond=1000", "Chat:Limits:MessageBurst=1000");
        await using var sysop = await OperatorAsync(server);
        await sysop.SendAsync("/join dev");
        await sysop.ExpectAsync("*** sysop joined #dev");
        await sysop.SendAsync("/room register");
        await sysop.ExpectAsync("registered #dev");
        await using var bob = await server.ConnectTextAsync("bob");
        await bob.SendAsync("/join dev");
        await sysop.ExpectAsync("*** bob joined #dev");

        string[] actions =
        [
            $"/mode +k {Key}", "/mute bob 5m", "/unmute bob", "/kick bob too loud", "/ban bob2 impersonation", "/unban bob2",
            "/announce be nice", "/gban evil* spam bots", "/ungban evil*", "/kill bob enough",
        ];
        foreach (var action in actions)
        {
            await sysop.SendAsync(action);
        }

        await sysop.ExpectAsync("*** sysop disconnected bob (enough)");
        string[] audit = [.. logs.Events.Where(e => e.MessageTemplate.Text.Contains("oderation: {Actor}")).Select(e => e.RenderMessage())];
        Assert.Equal(
        [
            "Moderation: \"sysop\" \"registered\" in \"dev\" on \"sysop\": null",
            "Moderation: \"sysop\" \"+k\" in \"dev\" on null: null",
            "Moderation: \"sysop\" \"mute\" in \"dev\" on \"bob\": null",
            "Moderation: \"sysop\" \"unmute\" in \"dev\" on \"bob\": null",
            "Moderation: \"sysop\" \"kick\" in \"dev\" on \"bob\": \"too loud\"",
            "Moderation: \"sysop\" \"ban\" in \"dev\" on \"bob2\": \"impersonation\"",
            "Moderation: \"sysop\" \"unban\" in \"dev\" on \"bob2\": null",
            "Server moderation: \"sysop\" \"announce\" on null: \"be nice\"",
            "Server moderation: \"sysop\" \"gban\" on \"evil*\": \"spam bots\"",
            "Server moderation: \"sysop\" \"ungban\" on \"evil*\": null",
            "Server moderation: \"sysop\" \"kill\" on \"bob\": \"enough\"",
        ], audit);

        var everything = logs.Events.Select(e => $"{e.RenderMessage()} {string.Join(' ', e.Properties.Select(p => $"{p.Key}={p.Value}"))}");
        foreach (var secret in new[] { Secret, Key })
        {
            Assert.DoesNotContain(everything, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(bob.Received, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    /// <summary>Connects the configured operator's account, registered on the spot.</summary>
    private static async Task<TestClient> OperatorAsync(TestServer server)
    {
        var sysop = await server.ConnectTextAsync("sysop");
        await sysop.SendAsync("/register " + Secret);
        await sysop.ExpectAsync("*** The name sysop is now registered to you.");
        return sysop;
    }

    private static System.Text.Json.JsonElement JsonLine(string line) => System.Text.Json.JsonDocument.Parse(line).RootElement;
}
