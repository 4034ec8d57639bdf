using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests;

/// <summary>Deadlines run on a fake clock: the test moves time, nothing sleeps.</summary>
public class TimeoutTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task AConnectionThatNeverRegistersIsToldAndClosedAfterTheTimeout()
    {
        await using var server = await StartAsync("Chat:Limits:RegistrationTimeout=00:00:05");
        await using var alice = await server.ConnectTextAsync("alice");
        await using var idle = await server.ConnectAsync();

        _clock.Advance(TimeSpan.FromSeconds(4.9));
        await idle.SendAsync("not a name!");
        Assert.StartsWith("!!! Names are", await idle.ReadLineAsync());

        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(["!!! No name registered within 5 seconds; closing the connection."], await idle.ExpectClosedAsync());

        // Registered users have no such deadline.
        await alice.SendAsync("/who");
        Assert.Equal("*** #general (1): alice", await alice.ReadLineAsync());
    }

    [Fact]
    public async Task JsonClientsArePingedAndASilentOneLeavesItsRoomsWithAQuitNotice()
    {
        await using var server = await StartAsync("Chat:Limits:PingInterval=00:01:00", "Chat:Limits:PingTimeout=00:00:30");
        await using var alive = await server.ConnectJsonAsync("alive");
        await using var dead = await server.ConnectJsonAsync("dead");
        await using var human = await server.ConnectTextAsync("human");
        await dead.SendAsync("""{"type":"say","text":"/join dev"}""");
        await dead.ExpectJsonAsync("join", e => e.GetProperty("room").GetString() == "dev");

        _clock.Advance(TimeSpan.FromMinutes(1));
        await alive.ExpectJsonAsync("ping");
        await dead.ExpectJsonAsync("ping");
        await alive.SendAsync("""{"type":"pong"}""");
        // The answer to a later line shows the pong was read.
        await alive.SendAsync("""{"type":"say","text":"/who"}""");
        await alive.ExpectJsonAsync("who");

        _clock.Advance(TimeSpan.FromSeconds(30));
        var error = await dead.ExpectJsonAsync("error");
        Assert.Equal(ErrorCodes.PingTimeout, error.GetProperty("code").GetString());
        Assert.Empty(await dead.ExpectClosedAsync());
        var quit = await alive.ExpectJsonAsync("quit");
        Assert.Equal("dead", quit.GetProperty("name").GetString());
        Assert.Equal("ping timeout", quit.GetProperty("reason").GetString());
        Assert.Equal("*** dead quit (ping timeout)", await human.ExpectAsync("quit"));

        // The live client is pinged again a full interval after its last line; the person in text mode never is.
        _clock.Advance(TimeSpan.FromSeconds(30));
        await alive.ExpectJsonAsync("ping");
        await human.SendAsync("/who");
        Assert.Equal("*** #general (2): alive, human", await human.ReadLineAsync());
        Assert.DoesNotContain("*** ping", human.Received);
    }

    private Task<TestServer> StartAsync(params string[] settings) =>
        TestServer.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(_clock), settings);
}
