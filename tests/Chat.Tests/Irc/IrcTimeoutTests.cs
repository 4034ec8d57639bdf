using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Irc;

/// <summary>Deadlines run on a fake clock: the test moves time, nothing sleeps.</summary>
public class IrcTimeoutTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task AClientThatNeverRegistersIsClosedWithAnErrorLine()
    {
        await using var server = await StartAsync("Chat:Limits:RegistrationTimeout=00:00:05");
        await using var irc = await server.ConnectIrcAsync();
        await irc.SendAsync("NICK alice");
        await irc.SendAsync("PING one");
        await irc.ExpectAsync("PONG ChatApp :one");

        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["ERROR :Closing link: No name registered within 5 seconds; closing the connection."], await irc.ExpectClosedAsync());
    }

    [Fact]
    public async Task ASilentClientIsPingedAndClosedUnlessItAnswers()
    {
        await using var server = await StartAsync("Chat:Limits:PingInterval=00:01:00", "Chat:Limits:PingTimeout=00:00:30");
        await using var text = await server.ConnectTextAsync("tess");
        await using var alive = await server.ConnectIrcAsync("alive");
        await using var dead = await server.ConnectIrcAsync("dead");
        await dead.SendAsync("JOIN #general");
        await text.ExpectAsync("*** dead joined #general");

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("PING :ChatApp", await alive.ExpectAsync("PING"));
        Assert.Equal("PING :ChatApp", await dead.ExpectAsync("PING"));
        await alive.SendAsync("PONG :ChatApp");
        await alive.SyncAsync();

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("ERROR :Closing link: No reply to ping within 30 seconds; closing the connection.", (await dead.ExpectClosedAsync())[^1]);
        Assert.Equal("*** dead quit (ping timeout)", await text.ExpectAsync("quit"));
        await alive.SendAsync("ISON alive dead");
        Assert.Equal([":ChatApp 303 alive :alive"], await alive.SyncAsync());
    }

    private Task<TestServer> StartAsync(params string[] settings) =>
        IrcTestServer.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(_clock), settings);
}
