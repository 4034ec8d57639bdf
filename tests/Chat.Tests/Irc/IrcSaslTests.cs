using System.Text;
using Chat.Tests.Infrastructure;
using Chat.Tests.Tls;

namespace Chat.Tests.Irc;

/// <summary>SASL PLAIN before registration: the account's password checked as PASS's is, and every refusal's numeric.</summary>
public class IrcSaslTests
{
    private const string Password = "hunter2hunter2";

    [Fact]
    public async Task SaslPlainLogsInToTheAccountWhoseNameTheUserTakesAndNoLogHoldsThePassword()
    {
        var logs = new LogCapture();
        await using var server = await IrcTestServer.StartAsync(logs.AddTo, "Serilog:MinimumLevel:Default=Verbose");
        await RegisterAccountAsync(server, "tess");
        var payload = Plain("", "tess", Password);

        await using var irc = await server.ConnectIrcAsync();
        await irc.SendAsync("CAP LS 302");
        await irc.SendAsync("CAP REQ sasl");
        await irc.SendAsync("NICK tessie");
        await irc.SendAsync("USER tess 0 * :Tess");
        await irc.SendAsync("AUTHENTICATE PLAIN");
        await irc.SendAsync("AUTHENTICATE " + payload);
        await irc.SendAsync("AUTHENTICATE PLAIN");
        Assert.Equal(
            [
                ":ChatApp CAP * LS :batch echo-message message-tags multi-prefix sasl=PLAIN server-time",
                ":ChatApp CAP * ACK :sasl",
                "AUTHENTICATE +",
                ":ChatApp 900 * *!*@chatapp tess :You are now logged in as tess",
                ":ChatApp 903 * :SASL authentication successful",
                ":ChatApp 907 * :You have already authenticated using SASL",
            ],
            await irc.SyncAsync());

        await irc.SendAsync("CAP END");
        Assert.Equal(":ChatApp 001 tess :Welcome to the ChatApp IRC Network tess!tess@chatapp", await irc.ReadLineAsync());
        await irc.ExpectAsync(" 376 tess ");
        Assert.Equal(":ChatApp 900 tess tess!tess@chatapp tess :You are now logged in as tess", await irc.ReadLineAsync());
        await irc.SendAsync("WHOIS tess");
        await irc.ExpectAsync(" 318 tess tess ");

        Assert.DoesNotContain(logs.Events, e => e.RenderMessage().Contains(Password, StringComparison.Ordinal)
            || e.RenderMessage().Contains(payload, StringComparison.Ordinal) || e.Exception?.ToString().Contains(Password, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task RefusalsHaveTheirNumericsAndTheUserRegistersAsAGuestAfterAFailure()
    {
        await using var server = await IrcTestServer.StartAsync();
        await RegisterAccountAsync(server, "tess");

        await using var irc = await server.ConnectIrcAsync();
        await irc.SendAsync("CAP REQ sasl");
        await irc.SendAsync("AUTHENTICATE SCRAM-SHA-256");
        await irc.SendAsync("AUTHENTICATE PLAIN");
        await irc.SendAsync("AUTHENTICATE *");
        await irc.SendAsync("AUTHENTICATE PLAIN");
        await irc.SendAsync("AUTHENTICATE " + Plain("", "tess", "not the password"));
        await irc.SendAsync("AUTHENTICATE PLAIN");
        await irc.SendAsync("AUTHENTICATE " + Plain("bob", "tess", Password));
        await irc.SendAsync("AUTHENTICATE PLAIN");
        await irc.SendAsync("AUTHENTICATE not-base64!");
        await irc.SendAsync("AUTHENTICATE PLAIN");
        await irc.SendAsync("AUTHENTICATE " + new string('A', 401));
        Assert.Equal(
            [
                ":ChatApp CAP * ACK :sasl",
                ":ChatApp 908 * PLAIN :are available SASL mechanisms",
                ":ChatApp 904 * :SASL authentication failed",
                "AUTHENTICATE +",
                ":ChatApp 906 * :SASL authentication aborted",
                "AUTHENTICATE +",
                ":ChatApp 904 * :SASL authentication failed",
                "AUTHENTICATE +",
                ":ChatApp 904 * :SASL authentication failed",   // authzid names another account
                "AUTHENTICATE +",
                ":ChatApp 904 * :SASL authentication failed",
                "AUTHENTICATE +",
                ":ChatApp 905 * :SASL message too long",
            ],
            await irc.SyncAsync());

        // A line of exactly 400 says more follows: nothing until the last line ("+" when nothing is left).
        await irc.SendAsync("AUTHENTICATE PLAIN");
        await irc.SendAsync("AUTHENTICATE " + new string('A', 400));
        Assert.Equal(["AUTHENTICATE +"], await irc.SyncAsync());
        await irc.SendAsync("AUTHENTICATE +");
        Assert.Equal([":ChatApp 904 * :SASL authentication failed"], await irc.SyncAsync());

        await irc.SendAsync("NICK guest7");
        await irc.SendAsync("USER guest7 0 * :Guest");
        await irc.SendAsync("CAP END");
        await irc.ExpectAsync(" 376 guest7 ");
        Assert.DoesNotContain(" 900 ", string.Join('\n', await irc.SyncAsync()), StringComparison.Ordinal);
    }

    private static string Plain(string authzid, string account, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{authzid}\0{account}\0{password}"));

    private static async Task RegisterAccountAsync(TestServer server, string name)
    {
        await using var text = await server.ConnectTextAsync(name);
        await text.SendAsync($"/register {Password}");
        await text.ExpectAsync($"*** The name {name} is now registered to you.");
        await text.SendAsync("/quit");
        await text.ExpectClosedAsync();
    }
}
