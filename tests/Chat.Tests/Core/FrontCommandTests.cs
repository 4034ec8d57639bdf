using Chat.Handlers;
using Chat.Handlers.Fronts;
using Chat.Handlers.Pipeline;
using Chat.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Core;

/// <summary>What a front needs from the core beyond the typed commands: its own commands, and registering in no room.</summary>
public class FrontCommandTests
{
    [Fact]
    public async Task AFrontCommandDispatchingSeveralCommandsCountsAsOneLine()
    {
        await using var core = CoreHarness.Create(services => services.PostConfigure<ChatOptions>(chat =>
        {
            chat.Limits.MessageBurst = 2;
            chat.Limits.MessagesPerSecond = 1;
        }));
        var alice = await core.RegisterAsync("alice");

        await alice.SendAsync(new JoinAll(["one", "two", "three"]));
        await alice.ExpectAsync<JoinEvent>(e => e.Room == "three");
        await alice.SendAsync(new SayMessage("over the limit"));

        await alice.ExpectErrorAsync(ErrorCodes.RateLimited);
        Assert.Equal(4, alice.Session.Rooms.Length);
    }

    [Fact]
    public async Task AFrontCommandRunsBeforeRegistrationOnlyIfItSaysSo()
    {
        await using var core = CoreHarness.Create();
        var client = core.Open();

        await client.SendAsync(new JoinAll(["dev"]));
        await client.ExpectErrorAsync(ErrorCodes.NotRegistered);
        await client.SendAsync(new Hello("alice"));
        Assert.Equal("alice", (await client.ExpectAsync<WelcomeEvent>()).Name);
    }

    [Fact]
    public async Task RegisteringWithoutTheDefaultRoomJoinsNothing()
    {
        await using var core = CoreHarness.Create();
        var bob = await core.RegisterAsync("bob");
        var alice = core.Open();

        await alice.SendAsync(new HelloMessage("alice") { EntersDefaultRoom = false });
        await alice.ExpectAsync<WelcomeEvent>();
        await bob.SendAsync(new WhoMessage());

        Assert.Equal(["bob"], (await bob.ExpectAsync<WhoEvent>()).Members);
        Assert.True(alice.Session.Rooms.IsEmpty);
        Assert.Null(alice.Session.CurrentRoom);
    }

    /// <summary>One input standing for several joins, as IRC's JOIN #a,#b does.</summary>
    private sealed record JoinAll(string[] Rooms) : FrontCommand
    {
        public override async ValueTask ExecuteAsync(ChatContext context)
        {
            foreach (var room in Rooms)
            {
                await context.DispatchAsync(new JoinMessage(room));
            }
        }
    }

    /// <summary>A registration dialogue's last step, as IRC's USER after NICK.</summary>
    private sealed record Hello(string Name) : FrontCommand
    {
        public override bool AllowedBeforeRegistration => true;

        public override ValueTask ExecuteAsync(ChatContext context) => context.DispatchAsync(new HelloMessage(Name));
    }
}
