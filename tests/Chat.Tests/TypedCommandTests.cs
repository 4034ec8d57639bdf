using System.Text.Json;
using Chat.Handlers.Commands;
using Chat.Handlers.Events;
using Chat.Handlers.Hosting;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests;

/// <summary>JSON users' first-class commands over a real socket, and the one ordered event stream seen from outside.</summary>
public class TypedCommandTests
{
    private const string NoFloodLimit = "Chat:Limits:MessagesPerSecond=1000000";
    private const string NoFloodBurst = "Chat:Limits:MessageBurst=1000000";

    [Fact]
    public async Task JoinWhoSwitchTopicAndLeaveAsCommandObjects()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectJsonAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");

        await alice.SendAsync("""{"type":"join","room":"dev"}""");
        await alice.ExpectJsonAsync("join", e => e.GetProperty("room").GetString() == "dev");
        await bob.SendAsync("/join dev");
        await alice.ExpectJsonAsync("join", e => e.GetProperty("name").GetString() == "bob");

        await alice.SendAsync("""{"type":"who","room":"#dev"}""");
        var who = await alice.ExpectJsonAsync("who");
        Assert.Equal("dev", who.GetProperty("room").GetString());
        Assert.Equal(["alice", "bob"], who.GetProperty("members").EnumerateArray().Select(m => m.GetString()));

        await alice.SendAsync("""{"type":"switch","room":"general"}""");
        Assert.Equal("general", (await alice.ExpectJsonAsync("info")).GetProperty("room").GetString());
        await alice.SendAsync("""{"type":"topic","room":"dev","topic":"release on friday"}""");
        Assert.Equal("*** alice set the topic of #dev: release on friday", await bob.ExpectAsync("set the topic"));
        var topic = await alice.ExpectJsonAsync("topic");
        Assert.True(topic.GetProperty("id").GetInt64() > 0);
        await alice.SendAsync("""{"type":"topic","room":"dev"}""");
        Assert.False((await alice.ExpectJsonAsync("topic")).TryGetProperty("by", out _));

        await alice.SendAsync("""{"type":"leave","room":"dev","reason":"lunch"}""");
        Assert.Equal("*** alice left #dev (lunch)", await bob.ExpectAsync("left"));
        await alice.SendAsync("""{"type":"rooms"}""");
        var rooms = (await alice.ExpectJsonAsync("rooms")).GetProperty("rooms").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("members").GetInt32());
        Assert.Equal(1, rooms["dev"]);
        Assert.Equal(2, rooms["general"]);
    }

    [Fact]
    public async Task NickActionDirectMessageAndCustomCommandAsCommandObjects()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectJsonAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");

        await alice.SendAsync("""{"type":"action","text":"waves"}""");
        Assert.Equal("#general * alice waves", await bob.ExpectAsync("waves"));
        await alice.SendAsync("""{"type":"say","to":"bob","text":"psst"}""");
        Assert.Equal("*alice -> bob* psst", await bob.ExpectAsync("->"));
        await alice.SendAsync("""{"type":"command","name":"roll","args":"2d6"}""");
        Assert.StartsWith("#general * alice rolls 2d6: ", await bob.ExpectAsync("rolls"));
        await alice.SendAsync("""{"type":"nick","name":"alicia"}""");
        Assert.Equal("*** alice is now known as alicia", await bob.ExpectAsync("known as"));
        var nick = await alice.ExpectJsonAsync("nick");
        Assert.Equal("alicia", nick.GetProperty("newName").GetString());
        await alice.SendAsync("""{"type":"help","command":"roll"}""");
        Assert.Equal("roll", (await alice.ExpectJsonAsync("help")).GetProperty("commands")[0].GetProperty("name").GetString());
        await alice.SendAsync("""{"type":"quit","reason":"done"}""");
        Assert.Equal("*** alicia quit (done)", await bob.ExpectAsync("quit"));
    }

    [Fact]
    public async Task EachCommandObjectHasItsErrorCodes()
    {
        await using var server = await TestServer.StartAsync("Chat:Limits:MaxRoomsPerUser=2", NoFloodLimit, NoFloodBurst);
        await using var alice = await server.ConnectJsonAsync("alice");
        await using var bob = await server.ConnectJsonAsync("bob");

        string[][] cases =
        [
            ["""{"type":"join","room":"bad room!"}""", ErrorCodes.RoomInvalid],
            ["""{"type":"join"}""", ErrorCodes.BadRequest],
            ["""{"type":"leave","room":"nowhere"}""", ErrorCodes.NotInRoom],
            ["""{"type":"switch","room":"nowhere"}""", ErrorCodes.NotInRoom],
            ["""{"type":"who","room":"nowhere"}""", ErrorCodes.NotInRoom],
            ["""{"type":"topic","room":"nowhere","topic":"x"}""", ErrorCodes.NotInRoom],
            ["""{"type":"nick","name":"BOB"}""", ErrorCodes.NameTaken],
            ["""{"type":"nick","name":"bad name"}""", ErrorCodes.NameInvalid],
            ["""{"type":"say","to":"nobody","text":"hi"}""", ErrorCodes.NoSuchUser],
            ["""{"type":"action","text":"waves","room":"nowhere"}""", ErrorCodes.NotInRoom],
            ["""{"type":"command","name":"frob"}""", ErrorCodes.UnknownCommand],
            ["""{"type":"command","name":"roll","args":"0d0"}""", ErrorCodes.BadArguments],
            ["""{"type":"help","command":"frob"}""", ErrorCodes.UnknownCommand],
            ["""{"type":"frob"}""", ErrorCodes.BadRequest],
        ];
        foreach (var (line, code) in cases.Select(c => (c[0], c[1])))
        {
            await alice.SendAsync(line);
            Assert.Equal(code, (await alice.ExpectJsonAsync("error")).GetProperty("code").GetString());
        }

        await alice.SendAsync("""{"type":"join","room":"two"}""");
        await alice.ExpectJsonAsync("join", e => e.GetProperty("room").GetString() == "two");
        await alice.SendAsync("""{"type":"join","room":"three"}""");
        Assert.Equal(ErrorCodes.TooManyRooms, (await alice.ExpectJsonAsync("error")).GetProperty("code").GetString());
        // Nothing of all that reached bob: his next line is alice's marker.
        await alice.SendAsync("""{"type":"say","text":"marker","room":"general"}""");
        await bob.ExpectJsonAsync("message", e => e.GetProperty("text").GetString() == "marker");
        Assert.DoesNotContain(bob.Received, line => line.Contains("\"error\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TenConcurrentSendersReachEveryReceiverInOneOrderWithIncreasingIds()
    {
        await using var server = await TestServer.StartAsync(NoFloodLimit, NoFloodBurst, "Chat:Limits:MaxConnectionsPerIp=100");
        var receivers = new List<TestClient>();
        for (var i = 0; i < 3; i++)
        {
            receivers.Add(await server.ConnectJsonAsync($"r{i}"));
        }

        var senders = new List<TestClient>();
        for (var i = 0; i < 10; i++)
        {
            senders.Add(await server.ConnectJsonAsync($"s{i}"));
        }

        await Task.WhenAll(senders.Select((sender, s) => Task.Run(async () =>
        {
            for (var m = 0; m < 1000; m++)
            {
                await sender.SendAsync($$"""{"type":"say","text":"{{s}}:{{m}}"}""");
            }
        })));

        var orders = new List<List<(long Id, string Text)>>();
        foreach (var receiver in receivers)
        {
            var messages = new List<(long, string)>();
            while (messages.Count < 10_000)
            {
                var message = await receiver.ExpectJsonAsync("message", timeout: TimeSpan.FromSeconds(30));
                messages.Add((message.GetProperty("id").GetInt64(), message.GetProperty("text").GetString()!));
            }

            orders.Add(messages);
        }

        foreach (var messages in orders)
        {
            Assert.All(messages.Zip(messages.Skip(1)), pair => Assert.True(pair.First.Id < pair.Second.Id));
            Assert.Equal(orders[0], messages);
            Assert.Equal(10_000, messages.Select(m => m.Text).Distinct().Count());
        }

        foreach (var client in receivers.Concat(senders))
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnObserverOfTheStreamSeesEveryEventOthersReceive()
    {
        var observer = new RecordingObserver();
        await using var server = await TestServer.StartAsync(builder => builder.Services.AddSingleton<IEventObserver>(observer));
        await using var watcher = await server.ConnectJsonAsync("watcher");
        await using var alice = await server.ConnectJsonAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");

        await alice.SendAsync("""{"type":"say","text":"hello"}""");
        await alice.SendAsync("""{"type":"action","text":"waves"}""");
        await alice.SendAsync("""{"type":"topic","topic":"news"}""");
        await alice.SendAsync("""{"type":"say","to":"watcher","text":"psst"}""");
        await alice.SendAsync("""{"type":"join","room":"dev"}""");
        await alice.SendAsync("""{"type":"leave","room":"dev"}""");
        await alice.SendAsync("""{"type":"nick","name":"alicia"}""");
        await watcher.ExpectJsonAsync("nick");
        await bob.SendAsync("/quit");
        await watcher.ExpectJsonAsync("quit");

        var carried = observer.Events.Select(e => JsonSerializer.Serialize(e.Event, ProtocolJson.Default.ServerEvent)).ToList();
        string[] kinds = ["message", "action", "topic", "join", "leave", "nick", "quit"];
        Assert.All(kinds, kind => Assert.Contains(carried, json => json.Contains($"\"type\":\"{kind}\"", StringComparison.Ordinal)));
        Assert.Contains(carried, json => json.Contains("\"to\":\"watcher\"", StringComparison.Ordinal));
        // Whatever the watcher heard about others is, byte for byte, an event the stream carried.
        var heard = watcher.Received.Where(line => kinds.Any(kind => line.StartsWith($"{{\"type\":\"{kind}\"", StringComparison.Ordinal))
            && !line.Contains("\"name\":\"watcher\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(heard);
        Assert.All(heard, line => Assert.Contains(line, carried));
    }
}
