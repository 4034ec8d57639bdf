using Chat.Client.Bots;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Client;

public class SeenBotTests
{
    [Fact]
    public async Task TellsWhenAndDoingWhatSomeoneWasLastSeen()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bot = RunningBot.Start(server.ChatPort, "seenbot", b => b.AddSeen());
        await alice.ExpectAsync("*** seenbot joined #general");
        await using (var bob = await server.ConnectTextAsync("bob"))
        {
            await bob.SendAsync("see you all later");
            await alice.ExpectAsync("<bob> see you all later");
            await bob.SendAsync("/quit off to lunch");
            await alice.ExpectAsync("*** bob quit (off to lunch)");
        }

        await alice.SendAsync("!seen BOB");
        Assert.Equal("#general <seenbot> bob was last seen just now, quitting (off to lunch).", await alice.ExpectAsync("<seenbot>"));
        await alice.SendAsync("!seen carol");
        Assert.Equal("#general <seenbot> I haven't seen carol.", await alice.ExpectAsync("<seenbot>"));
        await alice.SendAsync("!seen");
        Assert.Equal("#general <seenbot> Whom? Try !seen NAME.", await alice.ExpectAsync("<seenbot>"));
    }

    [Fact]
    public void DescribesTheLastSightingWithItsAge()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tracker = new SeenTracker(time);
        tracker.Observe(new JoinEvent("dev", "bob"));
        tracker.Observe(new MessageEvent(1, time.GetUtcNow(), "bob", "shipping it", Room: "dev"));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("bob was last seen 5 minutes ago, saying \"shipping it\" in #dev.", tracker.Describe("Bob", "alice"));

        tracker.Observe(new NickEvent("bob", "robert"));
        time.Advance(TimeSpan.FromHours(25));
        Assert.Equal("robert was last seen 1 day ago, changing name from bob.", tracker.Describe("robert", "alice"));
        Assert.Equal("That's you, alice!", tracker.Describe("ALICE", "alice"));
    }

    [Fact]
    public void ForgetsTheLongestUnseenBeyondItsCapacity()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tracker = new SeenTracker(time, capacity: 2);
        foreach (var name in new[] { "ann", "ben", "cat" })
        {
            tracker.Observe(new JoinEvent("general", name));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(2, tracker.Count);
        Assert.Equal("I haven't seen ann.", tracker.Describe("ann", "x"));
        Assert.StartsWith("cat was last seen", tracker.Describe("cat", "x"));
    }
}
