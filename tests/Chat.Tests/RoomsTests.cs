using Chat.Handlers.Commands;
using Chat.Handlers.Hosting;
using Chat.Protocol;
using Chat.Tests.Infrastructure;

namespace Chat.Tests;

public class RoomsTests
{
    [Fact]
    public async Task RoomMessagesReachOnlyThatRoomAndAUserInTwoRoomsGetsEachOnceWithItsRoom()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var devOnly = await server.ConnectTextAsync("dave");
        await using var both = await server.ConnectTextAsync("bob");
        await devOnly.SendAsync("/join dev");
        await devOnly.ExpectAsync("*** dave joined #dev");
        await devOnly.SendAsync("/leave general");
        await devOnly.ExpectAsync("*** dave left #general");
        await both.SendAsync("/join dev");
        await devOnly.ExpectAsync("*** bob joined #dev");

        await alice.SendAsync("in general");
        await devOnly.SendAsync("in dev");
        await alice.SendAsync("/join dev");
        await alice.ExpectAsync("*** alice joined #dev");
        await alice.SendAsync("alice in dev");

        Assert.Equal("#dev <alice> alice in dev", await devOnly.ExpectAsync("<alice>"));
        Assert.DoesNotContain(devOnly.Received, line => line.Contains("in general"));

        // dave's marker comes after everything above in bob's queue; alice's and dave's first lines race
        // each other, so compare them sorted: each arrives once, tagged with its room.
        await devOnly.SendAsync("marker");
        await both.ExpectAsync("#dev <dave> marker");
        var chat = both.Received.Where(line => line.StartsWith('#')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["#dev <alice> alice in dev", "#dev <dave> in dev", "#dev <dave> marker", "#general <alice> in general"], chat);
    }

    [Fact]
    public async Task DirectMessageReachesOnlyItsTargetAndUnknownTargetIsAnError()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bob = await server.ConnectJsonAsync("bob");
        await using var carol = await server.ConnectTextAsync("carol");

        await alice.SendAsync("/msg bob psst");
        var direct = await bob.ExpectJsonAsync("message");
        Assert.Equal("alice", direct.GetProperty("from").GetString());
        Assert.Equal("bob", direct.GetProperty("to").GetString());
        Assert.Equal("psst", direct.GetProperty("text").GetString());
        Assert.False(direct.TryGetProperty("room", out _));
        Assert.Equal("*alice -> bob* psst", await alice.ExpectAsync("->"));

        await alice.SendAsync("/msg nobody hello");
        Assert.Equal("!!! There is no user named nobody.", await alice.ExpectAsync("!!!"));

        // carol's next line is alice's room message: the direct message never reached her.
        await alice.SendAsync("public");
        Assert.Equal("#general <alice> public", await carol.ExpectAsync("<alice>"));
        Assert.DoesNotContain(carol.Received, line => line.Contains("psst"));
    }

    [Fact]
    public async Task TopicSetByOneUserIsShownToAUserWhoJoinsLater()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await alice.SendAsync("/join dev");
        await alice.SendAsync("/topic #dev release on friday");
        await alice.ExpectAsync("*** alice set the topic of #dev: release on friday");

        await using var bob = await server.ConnectJsonAsync("bob");
        await bob.SendAsync("""{"type":"say","text":"/join #dev"}""");
        var topic = await bob.ExpectJsonAsync("topic");
        Assert.Equal("dev", topic.GetProperty("room").GetString());
        Assert.Equal("release on friday", topic.GetProperty("topic").GetString());

        await bob.SendAsync("""{"type":"say","text":"/rooms"}""");
        var rooms = await bob.ExpectJsonAsync("rooms");
        var dev = rooms.GetProperty("rooms").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "dev");
        Assert.Equal(2, dev.GetProperty("members").GetInt32());
        Assert.Equal("release on friday", dev.GetProperty("topic").GetString());
    }

    [Fact]
    public async Task CountsStayRightWhileFiftyUsersJoinAndLeaveFiveRoomsConcurrently()
    {
        // Many clients from one address, each sending a quick burst of commands.
        await using var server = await TestServer.StartAsync("Chat:Limits:MaxConnectionsPerIp=100", "Chat:Limits:MessageBurst=100");
        var users = new List<TestClient>();
        for (var i = 0; i < 50; i++)
        {
            users.Add(await server.ConnectTextAsync($"u{i}"));
        }

        // Each user joins all five rooms, then leaves all but room (i % 5) and the default room.
        await Task.WhenAll(users.Select(async (user, i) =>
        {
            for (var r = 0; r < 5; r++)
            {
                await user.SendAsync($"/join r{r}");
                await user.ExpectAsync($"*** u{i} joined #r{r}");
            }

            for (var r = 0; r < 5; r++)
            {
                if (r != i % 5)
                {
                    await user.SendAsync($"/leave r{r}");
                    await user.ExpectAsync($"*** u{i} left #r{r}");
                }
            }
        }));

        await using var observer = await server.ConnectJsonAsync("observer");
        await observer.SendAsync("""{"type":"say","text":"/rooms"}""");
        var rooms = (await observer.ExpectJsonAsync("rooms")).GetProperty("rooms").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("members").GetInt32());
        Assert.Equal(51, rooms["general"]);
        for (var r = 0; r < 5; r++)
        {
            Assert.Equal(10, rooms[$"r{r}"]);
            await users[r].SendAsync($"/who r{r}");
            var expected = Enumerable.Range(0, 50).Where(i => i % 5 == r).Select(i => $"u{i}").Order(StringComparer.OrdinalIgnoreCase);
            Assert.Equal($"*** #r{r} (10): {string.Join(", ", expected)}", await users[r].ExpectAsync($"*** #r{r} ("));
        }

        foreach (var user in users)
        {
            await user.DisposeAsync();
        }
    }

    [Fact]
    public async Task EmptiedRoomsVanishButConfiguredRoomsStay()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await alice.SendAsync("/join temp");
        await alice.SendAsync("/leave temp");
        await alice.ExpectAsync("*** alice left #temp");
        await alice.SendAsync("/rooms");
        Assert.Equal("*** Rooms (2):", await alice.ExpectAsync("*** Rooms ("));
        Assert.Equal("***   #general (1)", await alice.ReadLineAsync());
        Assert.Equal("***   #random (0)", await alice.ReadLineAsync());
    }

    [Fact]
    public async Task CustomCommandRegisteredFromTheHostAppearsInHelpAndRuns()
    {
        await using var server = await TestServer.StartAsync(builder => builder.Services.AddChatCommand<EchoCommand>());
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");

        await alice.SendAsync("/help");
        Assert.Equal("***   /echo TEXT - Repeats TEXT back to you.", await alice.ExpectAsync("/echo"));
        await alice.ExpectAsync("/roll");
        await alice.SendAsync("/help roll");
        Assert.StartsWith("*** /roll [NdM] - Roll dice", await alice.ExpectAsync("/roll"));

        await alice.SendAsync("/echo marco");
        Assert.Equal("*** polo: marco", await alice.ExpectAsync("polo"));
        await alice.SendAsync("/roll 2d6");
        var roll = await bob.ExpectAsync("* alice rolls 2d6");
        var total = int.Parse(roll[(roll.LastIndexOf('=') + 1)..]);
        Assert.InRange(total, 2, 12);

        await alice.SendAsync("/nope");
        Assert.Equal("!!! Unknown command /nope. Type /help for the list.", await alice.ExpectAsync("!!!"));
    }

    [Fact]
    public async Task NickAndQuitNoticesReachEachSharingUserExactlyOnce()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");
        await using var loner = await server.ConnectTextAsync("loner");
        // One after the other: alice is in both rooms before bob joins them.
        foreach (var (user, name) in new[] { (alice, "alice"), (bob, "bob") })
        {
            await user.SendAsync("/join a");
            await user.SendAsync("/join b");
            await user.ExpectAsync($"*** {name} joined #b");
        }

        await alice.ExpectAsync("*** bob joined #b");
        await loner.SendAsync("/leave general");
        await loner.ExpectAsync("*** loner left #general");

        await alice.SendAsync("/nick alicia");
        await alice.SendAsync("/quit bye");
        await alice.ExpectClosedAsync();
        // bob shares three rooms with alice: one nick notice and one quit notice, then the marker.
        await using var marker = await server.ConnectTextAsync("marker");
        await marker.SendAsync("/join b");
        await marker.SendAsync("end");
        await bob.ExpectAsync("<marker> end");
        Assert.Single(bob.Received, line => line == "*** alice is now known as alicia");
        Assert.Single(bob.Received, line => line == "*** alicia quit (bye)");

        await loner.SendAsync("/join b");
        await loner.ExpectAsync("*** loner joined #b");
        Assert.DoesNotContain(loner.Received, line => line.Contains("alicia"));
    }

    [Fact]
    public async Task RoomLimitsComeFromConfiguration()
    {
        await using var server = await TestServer.StartAsync(
            "Chat:Limits:MaxRoomsPerUser=2", "Chat:Limits:MaxRoomNameLength=5", "Chat:Limits:MaxTopicLength=10");
        await using var alice = await server.ConnectJsonAsync("alice");

        async Task<string?> ErrorCodeOf(string text)
        {
            await alice.SendAsync($$"""{"type":"say","text":"{{text}}"}""");
            return (await alice.ExpectJsonAsync("error")).GetProperty("code").GetString();
        }

        Assert.Equal(ErrorCodes.RoomInvalid, await ErrorCodeOf("/join toolong"));
        Assert.Equal(ErrorCodes.RoomInvalid, await ErrorCodeOf("/join bad!"));
        Assert.Equal(ErrorCodes.TopicTooLong, await ErrorCodeOf("/topic this is far too long"));
        await alice.SendAsync("""{"type":"say","text":"/join ok"}""");
        await alice.ExpectJsonAsync("join", e => e.GetProperty("room").GetString() == "ok");
        Assert.Equal(ErrorCodes.TooManyRooms, await ErrorCodeOf("/join third"));
        Assert.Equal(ErrorCodes.NotInRoom, await ErrorCodeOf("/who nope"));
    }

    private sealed class EchoCommand : ChatCommand
    {
        public override string Name => "echo";
        public override string Usage => "/echo TEXT";
        public override string Help => "Repeats TEXT back to you.";
        public override int MinArguments => 1;

        public override ValueTask ExecuteAsync(CommandContext context)
        {
            context.Reply($"polo: {context.Arguments}");
            return ValueTask.CompletedTask;
        }
    }
}
