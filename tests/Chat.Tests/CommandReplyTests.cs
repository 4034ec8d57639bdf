using Chat.Tests.Infrastructure;

namespace Chat.Tests;

/// <summary>Replies and notices that say exactly what happened, once.</summary>
public class CommandReplyTests
{
    [Fact]
    public async Task TheSameTopicSetTwiceIsAnnouncedOnce()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");

        await alice.SendAsync("/topic release on friday");
        await alice.ExpectAsync("*** alice set the topic of #general: release on friday");
        await alice.SendAsync("/topic release on friday");
        Assert.Equal("*** Topic of #general: release on friday", await alice.ReadLineAsync());
        await alice.SendAsync("/topic release on monday");
        await bob.ExpectAsync("release on monday");

        Assert.Equal(
            ["*** alice set the topic of #general: release on friday", "*** alice set the topic of #general: release on monday"],
            bob.Received.Where(line => line.Contains("topic", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task HelpForOneCommandIsOneLineWithoutTheListHeader()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");

        await alice.SendAsync("/help msg");
        await alice.SendAsync("/who");
        string?[] lines = [await alice.ReadLineAsync(), await alice.ReadLineAsync()];
        Assert.Equal(["*** /msg NAME TEXT - Send a private message to one user.", "*** #general (1): alice"], lines.AsEnumerable());
        await alice.SendAsync("/help");
        Assert.Equal("*** Commands:", await alice.ReadLineAsync());
    }

    [Fact]
    public async Task AQuitWithoutAReasonShowsNone()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var jason = await server.ConnectJsonAsync("jason");
        await using var bob = await server.ConnectTextAsync("bob");

        await alice.SendAsync("/quit");
        Assert.Equal("*** alice quit", await bob.ExpectAsync("*** alice quit"));
        Assert.False((await jason.ExpectJsonAsync("quit")).TryGetProperty("reason", out _));
        await jason.SendAsync("""{"type":"quit"}""");
        Assert.Equal("*** jason quit", await bob.ExpectAsync("*** jason quit"));
    }
}
