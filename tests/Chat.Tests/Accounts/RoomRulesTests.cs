using System.Net;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Accounts;

/// <summary>An operator's rules for a registered room over real sockets: bans, mutes, invite-only, keys, moderation, topic lock.</summary>
public class RoomRulesTests
{
    private const string Secret = "correct-horse-7";

    /// <summary>A test that types faster than a person would keeps clear of flood control.</summary>
    private static readonly string[] Unthrottled = ["Chat:Limits:MessagesPerSecond=1000", "Chat:Limits:MessageBurst=1000"];

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task ABanHoldsAcrossRejoinReconnectAndRestartUntilLifted()
    {
        var database = Path.Combine(Path.GetTempPath(), $"chat-test-{Guid.NewGuid():N}.db");
        var connectionString = "Chat:Accounts:ConnectionString=" + TestServer.DatabaseConnectionString(database);
        try
        {
            await using (var server = await TestServer.StartAsync([connectionString, .. Unthrottled]))
            {
                await using var alice = await OwnRoomAsync(server, "alice", "dev");
                await using var bob = await JoinWithAccountAsync(server, "bob", "dev");
                await using var carol = await server.ConnectTextAsync("carol");
                await carol.SendAsync("/join dev");
                await alice.ExpectAsync("*** carol joined #dev");

                await bob.SendAsync("/ban carol");
                Assert.Equal("!!! You are not an operator of #dev.", await bob.ExpectAsync("!!!"));
                await alice.SendAsync("/ban bob spamming");
                Assert.Equal("*** alice banned bob from #dev (spamming)", await alice.ReadLineAsync());
                Assert.Equal("*** alice kicked bob from #dev (spamming)", await alice.ReadLineAsync());
                await bob.ExpectAsync("*** alice kicked bob from #dev (spamming)");
                Assert.Equal("*** You are now talking in #general.", await bob.ReadLineAsync());

                // Rejoining, and a second connection of the same account, are refused.
                await bob.SendAsync("/join dev");
                Assert.Equal("!!! You are banned from #dev.", await bob.ReadLineAsync());
                await bob.SendAsync("/nick bob_old");
                await bob.ExpectAsync("*** bob is now known as bob_old");
                await using var bobAgain = await server.ConnectAsync();
                await bobAgain.SendAsync($"/login bob {Secret}");
                await bobAgain.ExpectAsync("*** You are logged in as bob.");
                await bobAgain.SendAsync("/join #dev");
                Assert.Equal("!!! You are banned from #dev.", await bobAgain.ExpectAsync("!!!"));

                // A name pattern takes the guests it matches; a mask that would match everyone is refused.
                await alice.SendAsync("/ban car*");
                Assert.Equal("*** alice banned car* from #dev", await alice.ExpectAsync("banned car*"));
                Assert.Equal("*** alice kicked carol from #dev", await alice.ReadLineAsync());
                await alice.SendAsync("/ban **");
                Assert.StartsWith("!!! '**' is not a mask", await alice.ReadLineAsync());
                await alice.SendAsync("/mode +k sesame");
                Assert.Equal("*** alice set a key on #dev", await alice.ReadLineAsync());
            }

            await using (var server = await TestServer.StartAsync([connectionString, .. Unthrottled]))
            {
                await using var bob = await LoginAsync(server, "bob");
                await bob.SendAsync("/join dev sesame");
                Assert.Equal("!!! You are banned from #dev.", await bob.ReadLineAsync());
                await using var alice = await LoginAsync(server, "alice");
                await alice.SendAsync("/join dev");
                await alice.ExpectAsync("*** alice joined #dev");

                await using var json = await server.ConnectJsonAsync("dave");
                await json.SendAsync("""{"type":"join","room":"dev"}""");
                Assert.Equal(ErrorCodes.BadKey, (await json.ExpectJsonAsync("error")).GetProperty("code").GetString());
                await json.SendAsync("""{"type":"join","room":"dev","key":"sesame"}""");
                await json.ExpectJsonAsync("join", e => e.GetProperty("room").GetString() == "dev");
                await json.SendAsync("""{"type":"unban","mask":"bob","room":"dev"}""");
                Assert.Equal(ErrorCodes.NotOperator, (await json.ExpectJsonAsync("error")).GetProperty("code").GetString());

                await alice.SendAsync("/unban nobody");
                Assert.Equal("!!! nobody is not banned from #dev.", await alice.ExpectAsync("!!!"));
                await alice.SendAsync("/unban bob");
                Assert.Equal("*** alice lifted the ban on bob in #dev", await alice.ExpectAsync("lifted"));
                var unban = await json.ExpectJsonAsync("mode");
                Assert.Equal((RoomModes.Unban, "bob"), (unban.GetProperty("mode").GetString(), unban.GetProperty("target").GetString()));
                await bob.SendAsync("/join dev sesame");
                await bob.ExpectAsync("*** bob joined #dev");
            }
        }
        finally
        {
            File.Delete(database);
        }
    }

    [Fact]
    public async Task AnAddressBanKeepsOutEveryNameFromThatAddressAndNoOther()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await OwnRoomAsync(server, "alice", "dev");
        await using var mallory = await server.ConnectAsync(IPAddress.Parse("127.0.0.2"));
        await mallory.SendAsync("mallory");
        await mallory.SendAsync("/join dev");
        await alice.ExpectAsync("*** mallory joined #dev");

        await alice.SendAsync("/ban 127.0.0.1/40");
        Assert.StartsWith("!!! '127.0.0.1/40' is not a mask", await alice.ReadLineAsync());
        await alice.SendAsync("/ban 127.0.0.2 trolling");
        Assert.Equal("*** alice banned 127.0.0.2/32 from #dev (trolling)", await alice.ReadLineAsync());
        Assert.Equal("*** alice kicked mallory from #dev (trolling)", await alice.ReadLineAsync());
        await mallory.ExpectAsync("*** alice kicked mallory from #dev (trolling)");

        await mallory.SendAsync("/nick innocent");
        await mallory.ExpectAsync("is now known as innocent");
        await mallory.SendAsync("/join dev");
        Assert.Equal("!!! You are banned from #dev.", await mallory.ExpectAsync("!!!"));

        // The owner's own address (127.0.0.1) is untouched.
        await using var carol = await server.ConnectTextAsync("carol");
        await carol.SendAsync("/join dev");
        await alice.ExpectAsync("*** carol joined #dev");
    }

    [Fact]
    public async Task AMuteSilencesAMemberUntilItExpiresOnTheClockOrIsLifted()
    {
        await using var server = await TestServer.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(_clock));
        await using var alice = await OwnRoomAsync(server, "alice", "dev");
        await using var bob = await server.ConnectTextAsync("bob");
        await bob.SendAsync("/join dev");
        await alice.ExpectAsync("*** bob joined #dev");

        await alice.SendAsync("/mute bob soon");
        Assert.Equal("!!! 'soon' is not a duration: a number and s, m, h or d, up to 366 days.", await alice.ReadLineAsync());
        await alice.SendAsync("/mute bob 10m");
        Assert.StartsWith("*** alice muted bob in #dev until ", await alice.ReadLineAsync());
        await bob.ExpectAsync("*** alice muted bob in #dev until ");
        await bob.SendAsync("hello?");
        Assert.Equal("!!! You are muted in #dev for 600 more seconds.", await bob.ReadLineAsync());

        _clock.Advance(TimeSpan.FromMinutes(9));
        await bob.SendAsync("/me waves");
        Assert.Equal("!!! You are muted in #dev for 60 more seconds.", await bob.ReadLineAsync());
        await bob.SendAsync("/msg alice a direct message is not the room");
        await alice.ExpectAsync("*bob -> alice* a direct message is not the room");

        _clock.Advance(TimeSpan.FromMinutes(1));
        await bob.SendAsync("back");
        // Nothing bob said while muted reached the room: this is the next line alice gets.
        Assert.Equal("#dev <bob> back", await alice.ReadLineAsync());

        await alice.SendAsync("/mute bob");
        Assert.Equal("*** alice muted bob in #dev", await alice.ReadLineAsync());
        await bob.SendAsync("still here");
        Assert.Equal("!!! You are muted in #dev.", await bob.ExpectAsync("!!!"));
        await alice.SendAsync("/unmute bob");
        Assert.Equal("*** alice unmuted bob in #dev", await alice.ReadLineAsync());
        await alice.SendAsync("/unmute bob");
        Assert.Equal("!!! bob is not muted in #dev.", await alice.ReadLineAsync());
        await bob.SendAsync("free");
        Assert.Equal("#dev <bob> free", await alice.ReadLineAsync());
    }

    [Fact]
    public async Task InviteOnlyKeyedModeratedAndTopicLockedRoomsLetInAndHearOnlyWhomTheyShould()
    {
        await using var server = await TestServer.StartAsync(Unthrottled);
        await using var alice = await OwnRoomAsync(server, "alice", "dev");
        await using var bob = await JoinWithAccountAsync(server, "bob", "general");

        await bob.SendAsync("/mode #general +i");
        Assert.Equal("!!! You are not an operator of #general.", await bob.ReadLineAsync());
        await alice.SendAsync("/mode +x");
        Assert.Equal("!!! Usage: /mode [#ROOM] +i|-i|+k KEY|-k|+m|-m|+t|-t", await alice.ExpectAsync("!!!"));

        // Invite-only: an invitation lets bob in once.
        await alice.SendAsync("/mode +i");
        Assert.Equal("*** alice made #dev invite-only", await alice.ReadLineAsync());
        await bob.SendAsync("/join dev");
        Assert.Equal("!!! #dev is invite-only: an operator must /invite you.", await bob.ReadLineAsync());
        await alice.SendAsync("/invite bob");
        Assert.Equal("*** alice invited bob to #dev", await alice.ReadLineAsync());
        Assert.Equal("*** alice invited bob to #dev", await bob.ReadLineAsync());
        await bob.SendAsync("/join dev");
        await alice.ExpectAsync("*** bob joined #dev");
        await bob.SendAsync("/leave");
        await alice.ExpectAsync("*** bob left #dev");
        await bob.SendAsync("/join dev");
        Assert.Equal("!!! #dev is invite-only: an operator must /invite you.", await bob.ExpectAsync("!!!"));
        await alice.SendAsync("/mode -i");
        Assert.Equal("*** alice opened #dev to everyone", await alice.ReadLineAsync());

        // Keyed: the key is never shown, and the wrong one is refused.
        await alice.SendAsync("/mode +k two words");
        Assert.StartsWith("!!! Usage: /mode", await alice.ReadLineAsync());
        await alice.SendAsync("/mode +k open-sesame");
        Assert.Equal("*** alice set a key on #dev", await alice.ReadLineAsync());
        await bob.SendAsync("/join dev");
        Assert.Equal("!!! #dev needs a key: /join #dev KEY.", await bob.ReadLineAsync());
        await bob.SendAsync("/join dev open-barley");
        Assert.Equal("!!! #dev needs a key: /join #dev KEY.", await bob.ReadLineAsync());
        await bob.SendAsync("/join #dev open-sesame");
        await alice.ExpectAsync("*** bob joined #dev");
        await bob.ExpectAsync("*** bob joined #dev");

        // Moderated: only operators and voiced accounts speak; /who marks both.
        await alice.SendAsync("/mode +m");
        Assert.Equal("*** alice made #dev moderated", await alice.ReadLineAsync());
        await bob.ExpectAsync("*** alice made #dev moderated");
        await bob.SendAsync("may I?");
        Assert.Equal("!!! #dev is moderated: only operators and voiced users speak.", await bob.ReadLineAsync());
        await alice.SendAsync("/voice bob");
        Assert.Equal("*** alice gave bob a voice in #dev", await alice.ReadLineAsync());
        await bob.ExpectAsync("*** alice gave bob a voice in #dev");
        await bob.SendAsync("thank you");
        Assert.Equal("#dev <bob> thank you", await alice.ReadLineAsync());
        await alice.SendAsync("/who");
        Assert.Equal("*** #dev (2): @alice, +bob", await alice.ReadLineAsync());
        await alice.SendAsync("/devoice bob");
        Assert.Equal("*** alice took bob's voice in #dev", await alice.ReadLineAsync());
        await bob.ExpectAsync("*** alice took bob's voice in #dev");
        await bob.SendAsync("/me tries again");
        Assert.Equal("!!! #dev is moderated: only operators and voiced users speak.", await bob.ReadLineAsync());

        // Topic lock: the operator sets it, nobody else.
        await alice.SendAsync("/mode +t");
        Assert.Equal("*** alice locked the topic of #dev", await alice.ReadLineAsync());
        await bob.ExpectAsync("*** alice locked the topic of #dev");
        await bob.SendAsync("/topic #dev mine now");
        Assert.Equal("!!! The topic of #dev is locked: only operators set it.", await bob.ReadLineAsync());
        await alice.SendAsync("/topic release on friday");
        Assert.Equal("*** alice set the topic of #dev: release on friday", await bob.ReadLineAsync());

        // The same through typed JSON commands.
        await using var json = await server.ConnectJsonAsync("carol");
        await json.SendAsync("""{"type":"mode","room":"dev","mode":"-k"}""");
        Assert.Equal(ErrorCodes.NotInRoom, (await json.ExpectJsonAsync("error")).GetProperty("code").GetString());
        await json.SendAsync("""{"type":"join","room":"dev","key":"open-sesame"}""");
        await json.ExpectJsonAsync("join", e => e.GetProperty("room").GetString() == "dev");
        await json.SendAsync("""{"type":"say","room":"dev","text":"hi"}""");
        Assert.Equal(ErrorCodes.Moderated, (await json.ExpectJsonAsync("error")).GetProperty("code").GetString());
        await json.SendAsync("""{"type":"topic","room":"dev","topic":"hijacked"}""");
        Assert.Equal(ErrorCodes.TopicLocked, (await json.ExpectJsonAsync("error")).GetProperty("code").GetString());
        await alice.SendAsync("/mode -m");
        var mode = await json.ExpectJsonAsync("mode");
        Assert.Equal((RoomModes.NotModerated, "alice"), (mode.GetProperty("mode").GetString(), mode.GetProperty("by").GetString()));
        Assert.DoesNotContain(json.Received.Concat(bob.Received).Concat(alice.Received), line => line.Contains("open-sesame", StringComparison.Ordinal));
    }

    /// <summary>Registers an account, joins the room and registers it: the account owns the room.</summary>
    private static async Task<TestClient> OwnRoomAsync(TestServer server, string name, string room)
    {
        var client = await JoinWithAccountAsync(server, name, room);
        await client.SendAsync("/room register");
        await client.ExpectAsync($"*** {name} registered #{room}: {name} owns it");
        return client;
    }

    private static async Task<TestClient> JoinWithAccountAsync(TestServer server, string name, string room)
    {
        var client = await server.ConnectTextAsync(name);
        await client.SendAsync("/register " + Secret);
        await client.ExpectAsync("is now registered to you");
        if (room != "general")
        {
            await client.SendAsync("/join " + room);
            await client.ExpectAsync($"*** {name} joined #{room}");
        }

        return client;
    }

    private static async Task<TestClient> LoginAsync(TestServer server, string name)
    {
        var client = await server.ConnectAsync();
        await client.SendAsync($"/login {name} {Secret}");
        await client.ExpectAsync($"*** {name} joined #general");
        return client;
    }
}
