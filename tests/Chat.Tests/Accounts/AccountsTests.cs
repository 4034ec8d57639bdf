using System.Collections.Concurrent;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using Serilog.Events;

namespace Chat.Tests.Accounts;

/// <summary>Accounts over real sockets: register, log in, lockout, the guest deadline (on a fake clock), password changes.</summary>
public class AccountsTests
{
    private const string Secret = "correct-horse-7";
    private const string NewSecret = "battery-staple-9";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task ANameRegisteredWithAPasswordCanBeLoggedInToAfterARestart()
    {
        var database = Path.Combine(Path.GetTempPath(), $"chat-test-{Guid.NewGuid():N}.db");
        var connectionString = "Chat:Accounts:ConnectionString=" + TestServer.DatabaseConnectionString(database);
        try
        {
            await using (var server = await StartAsync(connectionString))
            {
                await using var alice = await server.ConnectTextAsync("alice");
                await alice.SendAsync("/register " + Secret);
                Assert.Equal("*** The name alice is now registered to you.", await alice.ReadLineAsync());
                await alice.SendAsync("/register " + Secret);
                Assert.Equal("!!! alice is registered already.", await alice.ReadLineAsync());
            }

            await using (var server = await StartAsync(connectionString))
            {
                await using var text = await server.ConnectAsync();
                await text.SendAsync($"/login alice {Secret}");
                Assert.Equal("*** Welcome, alice! You are in #general. Type /help for commands.", await text.ReadLineAsync());
                Assert.Equal("*** You are logged in as alice.", await text.ReadLineAsync());
                await text.ExpectAsync("*** alice joined #general");

                // The same account from a second connection: the password is right, the name is in use by its owner.
                await using var json = await server.ConnectAsync();
                await json.SendAsync($$"""{"type":"hello","name":"ALICE","password":"{{Secret}}"}""");
                Assert.Equal(ErrorCodes.NameTaken, (await json.ExpectJsonAsync("error")).GetProperty("code").GetString());
                await text.SendAsync("/nick alice_away");
                await text.ExpectAsync("is now known as alice_away");
                await json.SendAsync($$"""{"type":"hello","name":"ALICE","password":"{{Secret}}"}""");
                var loggedIn = await json.ExpectJsonAsync("account");
                Assert.Equal("alice", loggedIn.GetProperty("name").GetString());
                Assert.Equal(AccountStatus.LoggedIn, loggedIn.GetProperty("status").GetString());
            }
        }
        finally
        {
            File.Delete(database);
        }
    }

    [Fact]
    public async Task WrongPasswordsLockTheAccountUntilTheLockoutEnds()
    {
        await using var server = await StartAsync(
            "Chat:Accounts:MaxFailedLogins=3", "Chat:Accounts:LockoutDuration=00:05:00", "Chat:Limits:RegistrationTimeout=01:00:00");
        await using var owner = await RegisterAccountAsync(server, "alice");
        await using var guesser = await server.ConnectAsync();

        for (var i = 0; i < 3; i++)
        {
            await guesser.SendAsync($"/login alice guess-{i}-wrong");
            Assert.Equal("!!! Wrong name or password for alice.", await guesser.ReadLineAsync());
        }

        await guesser.SendAsync($"/login alice {Secret}");
        Assert.Equal("!!! Too many failed logins: try again in 300 seconds.", await guesser.ReadLineAsync());

        _clock.Advance(TimeSpan.FromMinutes(5));
        await guesser.SendAsync($"/login alice {Secret}");
        await guesser.ExpectAsync("*** You are logged in as alice.");
    }

    [Fact]
    public async Task FailuresAgainstManyNamesLockTheAddress()
    {
        await using var server = await StartAsync("Chat:Accounts:MaxFailedLogins=3");
        await using var owner = await RegisterAccountAsync(server, "bob");
        await using var guesser = await server.ConnectAsync();

        foreach (var name in new[] { "carol", "dave", "erin" })
        {
            await guesser.SendAsync($"/login {name} not-the-password");
            Assert.Equal($"!!! Wrong name or password for {name}.", await guesser.ReadLineAsync());
        }

        // bob's account has no failures; the address has three.
        await guesser.SendAsync($"/login bob {Secret}");
        Assert.StartsWith("!!! Too many failed logins", await guesser.ReadLineAsync());
    }

    [Fact]
    public async Task AGuestOnARegisteredNameIsRenamedAfterTheTimeoutAndTheOwnerTakesItAtOnce()
    {
        await using var server = await StartAsync("Chat:Accounts:LoginTimeout=00:00:30");
        await using var owner = await RegisterAccountAsync(server, "alice");
        await using var guest = await server.ConnectAsync();
        await guest.SendAsync("alice");
        await guest.ExpectAsync("*** Welcome, alice!");
        Assert.Equal("*** alice is a registered name: /login alice PASSWORD within 30 seconds, or you will be renamed.", await guest.ReadLineAsync());
        await guest.ExpectAsync("*** alice joined #general");

        _clock.Advance(TimeSpan.FromSeconds(29));
        await guest.SendAsync("/who");
        Assert.Equal("*** #general (2): alice, alice_away", await guest.ReadLineAsync());

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Matches(@"^\*\*\* alice is now known as Guest\d{4}$", await guest.ReadLineAsync());
        Assert.Matches(@"^\*\*\* alice is now known as Guest\d{4}$", await owner.ExpectAsync("*** alice is now known as"));

        // A second guest on the name is renamed the moment the owner logs in.
        await guest.SendAsync("/nick alice");
        await guest.ExpectAsync("is now known as alice");
        await guest.ExpectAsync("is a registered name");
        await owner.SendAsync($"/login alice {Secret}");
        await owner.ExpectAsync("*** alice is now known as Guest");
        await owner.ExpectAsync("*** alice_away is now known as alice");
        Assert.Equal("*** You are logged in as alice.", await owner.ReadLineAsync());
        await guest.ExpectAsync("*** alice is now known as Guest");
        await guest.ExpectAsync("*** alice_away is now known as alice");

        // The first deadline was cancelled with the rename: nothing renames the owner later.
        _clock.Advance(TimeSpan.FromMinutes(1));
        await owner.SendAsync("/who");
        Assert.Matches(@"^\*\*\* #general \(2\): alice, Guest\d{4}$", await owner.ReadLineAsync());
    }

    [Fact]
    public async Task APasswordChangeTakesEffectAndNoPasswordReachesTheLogsOrOtherUsers()
    {
        var logs = new CapturingSink();
        await using var server = await TestServer.StartAsync(builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(_clock);
            builder.Services.AddSingleton<ILogEventSink>(logs);
        }, "Serilog:MinimumLevel:Default=Verbose");
        await using var watcher = await server.ConnectTextAsync("watcher");
        await using var alice = await RegisterAccountAsync(server, "alice");

        await alice.SendAsync($"/password wrong-old-one {NewSecret}");
        Assert.Equal("!!! Wrong name or password for alice.", await alice.ReadLineAsync());
        await alice.SendAsync("/password short x");
        Assert.Equal("!!! Passwords are 8 to 128 characters.", await alice.ReadLineAsync());
        await alice.SendAsync($"/password {Secret} {NewSecret}");
        Assert.Equal("*** Your password has been changed.", await alice.ReadLineAsync());

        await using var json = await server.ConnectAsync();
        await json.SendAsync($$"""{"type":"hello","name":"alice","password":"{{Secret}}"}""");
        Assert.Equal(ErrorCodes.BadPassword, (await json.ExpectJsonAsync("error")).GetProperty("code").GetString());
        await json.SendAsync($$"""{"type":"login","name":"alice","password":"{{NewSecret}}"}""");
        await json.ExpectJsonAsync("account", e => e.GetProperty("status").GetString() == AccountStatus.LoggedIn);
        await json.SendAsync($$"""{"type":"password","oldPassword":"{{NewSecret}}","newPassword":"{{Secret}}"}""");
        await json.ExpectJsonAsync("account", e => e.GetProperty("status").GetString() == AccountStatus.PasswordChanged);
        await json.SendAsync($$"""{"type":"say","text":"/register {{NewSecret}}"}""");
        Assert.Equal(ErrorCodes.AccountExists, (await json.ExpectJsonAsync("error")).GetProperty("code").GetString());

        // The watcher shares the room with both and saw the renames; the last line shows it has read everything.
        await watcher.SendAsync("/who");
        await watcher.ExpectAsync("*** #general (3)");
        string[] secrets = [Secret, NewSecret, "wrong-old-one", "short"];
        Assert.Contains(logs.Lines, line => line.StartsWith("Failed login to", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(watcher.Received, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    /// <summary>Registers <paramref name="name"/> as an account, then moves its owner to <c>NAME_away</c> so the name is free.</summary>
    private static async Task<TestClient> RegisterAccountAsync(TestServer server, string name)
    {
        var client = await server.ConnectTextAsync(name);
        await client.SendAsync("/register " + Secret);
        await client.ExpectAsync($"*** The name {name} is now registered to you.");
        await client.SendAsync($"/nick {name}_away");
        await client.ExpectAsync($"*** {name} is now known as {name}_away");
        return client;
    }

    private Task<TestServer> StartAsync(params string[] settings) =>
        TestServer.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(_clock), settings);

    /// <summary>Every log event, rendered with all its properties (scopes included).</summary>
    private sealed class CapturingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IEnumerable<string> Lines => _lines;

        public void Emit(LogEvent logEvent) =>
            _lines.Enqueue($"{logEvent.RenderMessage()} {string.Join(' ', logEvent.Properties.Select(p => $"{p.Key}={p.Value}"))} {logEvent.Exception}");
    }
}
