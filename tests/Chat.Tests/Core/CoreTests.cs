using Chat.Handlers.Commands;
using Chat.Handlers.Events;
using Chat.Handlers.Hosting;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Core;

/// <summary>Rooms, names, commands and ordering in the core alone: no socket, no wire format.</summary>
public class CoreTests
{
    [Fact]
    public async Task NamesAreUniqueIgnoringCaseAndFreedByQuit()
    {
        await using var core = CoreHarness.Create();
        var alice = await core.RegisterAsync("alice");
        var other = core.Open();

        await other.SendAsync(new HelloMessage("ALICE"));
        await other.ExpectErrorAsync(ErrorCodes.NameTaken);
        await other.SendAsync(new HelloMessage("bad name"));
        await other.ExpectErrorAsync(ErrorCodes.NameInvalid);
        await other.SendAsync(new JoinMessage("dev"));
        await other.ExpectErrorAsync(ErrorCodes.NotRegistered);

        await alice.SendAsync(new QuitMessage("bye"));
        await core.Services.GetRequiredService<Chat.Handlers.ChatService>().DisconnectAsync(alice.Session, alice.Session.CloseReason);
        await other.SendAsync(new HelloMessage("Alice"));
        Assert.Equal("Alice", (await other.ExpectAsync<WelcomeEvent>()).Name);
    }

    [Fact]
    public async Task RoomsAreJoinedLeftListedAndVanishWhenEmpty()
    {
        await using var core = CoreHarness.Create(settings: "Rooms:0=random");
        var alice = await core.RegisterAsync("alice");
        var bob = await core.RegisterAsync("bob");

        await alice.SendAsync(new JoinMessage("#dev"));
        await alice.ExpectAsync<JoinEvent>(e => e.Room == "dev");
        await bob.SendAsync(new JoinMessage("DEV"));
        await alice.ExpectAsync<JoinEvent>(e => e is { Room: "dev", Name: "bob" });

        await bob.SendAsync(new WhoMessage("dev"));
        Assert.Equal(["alice", "bob"], (await bob.ExpectAsync<WhoEvent>()).Members);
        await bob.SendAsync(new RoomsMessage());
        var rooms = await bob.ExpectAsync<RoomsEvent>();
        Assert.Equal([("dev", 2), ("general", 2), ("random", 0)], rooms.Rooms.Select(r => (r.Name, r.Members)));

        await alice.SendAsync(new LeaveMessage("dev", "lunch"));
        Assert.Equal("lunch", (await bob.ExpectAsync<LeaveEvent>(e => e.Name == "alice")).Reason);
        await bob.SendAsync(new LeaveMessage("dev"));
        await bob.ExpectAsync<LeaveEvent>(e => e.Name == "bob");
        await bob.SendAsync(new RoomsMessage());
        Assert.DoesNotContain((await bob.ExpectAsync<RoomsEvent>()).Rooms, r => r.Name == "dev");
    }

    [Fact]
    public async Task CommandsReportTheirErrorsByCode()
    {
        await using var core = CoreHarness.Create(settings: ["Limits:MaxRoomsPerUser=2", "Limits:MaxTopicLength=5"]);
        var alice = await core.RegisterAsync("alice");
        await core.RegisterAsync("bob");

        (ClientMessage Command, string Code)[] cases =
        [
            (new JoinMessage("bad room!"), ErrorCodes.RoomInvalid),
            (new LeaveMessage("nowhere"), ErrorCodes.NotInRoom),
            (new SwitchMessage("nowhere"), ErrorCodes.NotInRoom),
            (new WhoMessage("nowhere"), ErrorCodes.NotInRoom),
            (new TopicMessage("general", "far too long"), ErrorCodes.TopicTooLong),
            (new NickMessage("BOB"), ErrorCodes.NameTaken),
            (new NickMessage("bad name"), ErrorCodes.NameInvalid),
            (new SayMessage("psst") { To = "nobody" }, ErrorCodes.NoSuchUser),
            (new ActionMessage("waves", "nowhere"), ErrorCodes.NotInRoom),
            (new CommandMessage("frob"), ErrorCodes.UnknownCommand),
            (new HelpMessage("frob"), ErrorCodes.UnknownCommand),
            (new HelloMessage("alice2"), ErrorCodes.AlreadyRegistered),
        ];
        foreach (var (command, code) in cases)
        {
            await alice.SendAsync(command);
            Assert.Equal(code, (await alice.ExpectAsync<ErrorEvent>()).Code);
        }

        await alice.SendAsync(new JoinMessage("two"));
        await alice.ExpectAsync<JoinEvent>(e => e.Room == "two");
        await alice.SendAsync(new JoinMessage("three"));
        await alice.ExpectErrorAsync(ErrorCodes.TooManyRooms);
    }

    [Fact]
    public async Task CustomCommandsShareTheTableWithTheBuiltIns()
    {
        await using var core = CoreHarness.Create(services => services.AddChatCommand<ShoutCommand>());
        var alice = await core.RegisterAsync("alice");
        var bob = await core.RegisterAsync("bob");

        await alice.SendAsync(new HelpMessage());
        var help = await alice.ExpectAsync<HelpEvent>();
        Assert.Contains(help.Commands, c => c.Name == "shout");
        Assert.Contains(help.Commands, c => c.Name == "join");

        await alice.SendAsync(new CommandMessage("SHOUT", "  hello  "));
        Assert.Equal("HELLO", (await bob.ExpectAsync<ActionEvent>()).Text);
        await alice.SendAsync(new CommandMessage("shout"));
        Assert.Equal("/shout TEXT", (await alice.ExpectErrorAsync(ErrorCodes.BadArguments)).Message[7..]);
    }

    [Fact]
    public void ACustomCommandCannotTakeABuiltInName() =>
        Assert.Throws<InvalidOperationException>(() => new CommandTable([new NamedCommand("join")]));

    [Fact]
    public async Task ConcurrentSendersAreDeliveredInOneOrderWithIncreasingIds()
    {
        await using var core = CoreHarness.Create();
        var receivers = new List<FakeClient>();
        for (var i = 0; i < 3; i++)
        {
            receivers.Add(await core.RegisterAsync($"r{i}"));
        }

        var senders = new List<FakeClient>();
        for (var i = 0; i < 10; i++)
        {
            senders.Add(await core.RegisterAsync($"s{i}"));
        }

        await Task.WhenAll(senders.Select((sender, s) => Task.Run(async () =>
        {
            for (var m = 0; m < 1000; m++)
            {
                await sender.SendAsync(new SayMessage($"{s}:{m}"));
            }
        })));

        var orders = new List<List<MessageEvent>>();
        foreach (var receiver in receivers)
        {
            var messages = new List<MessageEvent>();
            while (messages.Count < 10_000)
            {
                messages.Add(await receiver.ExpectAsync<MessageEvent>());
            }

            orders.Add(messages);
        }

        foreach (var messages in orders)
        {
            Assert.All(messages.Zip(messages.Skip(1)), pair => Assert.True(pair.First.Id < pair.Second.Id));
            Assert.Equal(orders[0].Select(m => (m.Id, m.Text)), messages.Select(m => (m.Id, m.Text)));
            // Each sender's own messages keep the order they were sent in.
            Assert.All(messages.GroupBy(m => m.From), g => Assert.Equal(Enumerable.Range(0, 1000), g.Select(m => int.Parse(m.Text.Split(':')[1]))));
        }
    }

    [Fact]
    public async Task TheObserverSeesEveryEventThatReachesSomeoneElse()
    {
        var observer = new RecordingObserver();
        await using var core = CoreHarness.Create(services => services.AddSingleton<IEventObserver>(observer));
        var watcher = await core.RegisterAsync("watcher");
        var alice = await core.RegisterAsync("alice");
        var bob = await core.RegisterAsync("bob");

        await alice.SendAsync(new SayMessage("hello"));
        await alice.SendAsync(new ActionMessage("waves"));
        await alice.SendAsync(new TopicMessage(null, "news"));
        await alice.SendAsync(new SayMessage("psst") { To = "watcher" });
        await alice.SendAsync(new JoinMessage("dev"));
        await alice.SendAsync(new LeaveMessage("dev"));
        await alice.SendAsync(new NickMessage("alicia"));
        await bob.SendAsync(new QuitMessage());
        await core.Services.GetRequiredService<Chat.Handlers.ChatService>().DisconnectAsync(bob.Session, "quit");
        await watcher.ExpectAsync<QuitEvent>();

        var seen = observer.Events.Select(e => e.Event).ToList();
        Assert.Contains(seen, e => e is MessageEvent { Text: "hello", Id: > 0 });
        Assert.Contains(seen, e => e is ActionEvent { Text: "waves", Id: > 0 });
        Assert.Contains(seen, e => e is TopicEvent { Topic: "news", Id: > 0 });
        Assert.Contains(seen, e => e is MessageEvent { Text: "psst", To: "watcher" });
        Assert.Contains(seen, e => e is JoinEvent { Room: "dev" });
        Assert.Contains(seen, e => e is LeaveEvent { Room: "dev" });
        Assert.Contains(seen, e => e is NickEvent { NewName: "alicia" });
        Assert.Contains(seen, e => e is QuitEvent { Name: "bob" });
        // Everything the watcher heard from others is something the stream carried, in the stream's order.
        var heard = watcher.Received.Where(e => e is MessageEvent or ActionEvent or JoinEvent or LeaveEvent or NickEvent or QuitEvent or TopicEvent { By: not null }).ToList();
        Assert.Equal(heard, seen.Where(heard.Contains));
        Assert.All(heard, e => Assert.Contains(e, seen));
    }

    private sealed class ShoutCommand : ChatCommand
    {
        public override string Name => "shout";
        public override string Usage => "/shout TEXT";
        public override string Help => "Says TEXT loudly.";
        public override int MinArguments => 1;

        public override ValueTask ExecuteAsync(CommandContext context)
        {
            if (context.RequireRoom() is { } room && context.Chat.Act(context.Session, room, context.Arguments.ToUpperInvariant()) is { } refused)
            {
                context.Reply(refused);
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class NamedCommand(string name) : ChatCommand
    {
        public override string Name => name;
        public override string Usage => "/" + name;
        public override string Help => "";
        public override ValueTask ExecuteAsync(CommandContext context) => ValueTask.CompletedTask;
    }
}
