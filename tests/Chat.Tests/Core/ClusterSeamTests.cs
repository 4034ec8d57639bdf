using Chat.Handlers;
using Chat.Handlers.Events;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Core;

/// <summary>
/// The core through the seams a cluster implements: name claims decided elsewhere, users only the claims know, and
/// presence answered elsewhere. The fakes stand for another node's view.
/// </summary>
public class ClusterSeamTests
{
    [Fact]
    public async Task UndecidableClaimAsksForAnotherNameAndRegistersNothing()
    {
        var claims = new FakeClaims { Unavailable = true };
        await using var core = Create(claims);
        var alice = core.Open();

        await alice.SendAsync(new HelloMessage("alice"));
        Assert.Contains("try again", (await alice.ExpectErrorAsync(ErrorCodes.NamesUnavailable)).Message);
        Assert.False(alice.Session.IsRegistered);
        Assert.Equal(0, core.Services.GetRequiredService<UserDirectory>().Count);

        claims.Unavailable = false;
        await alice.SendAsync(new HelloMessage("alice"));
        await alice.ExpectAsync<WelcomeEvent>();
        Assert.Equal(["alice"], claims.Held);
    }

    [Fact]
    public async Task NameHeldElsewhereIsTakenForRegistrationAndNick()
    {
        var claims = new FakeClaims();
        claims.Held.Add("remote");
        await using var core = Create(claims);
        var alice = core.Open();

        await alice.SendAsync(new HelloMessage("REMOTE"));
        await alice.ExpectErrorAsync(ErrorCodes.NameTaken);
        await alice.SendAsync(new HelloMessage("alice"));
        await alice.ExpectAsync<WelcomeEvent>();
        await alice.SendAsync(new NickMessage("remote"));
        await alice.ExpectErrorAsync(ErrorCodes.NameTaken);
        claims.Unavailable = true;
        await alice.SendAsync(new NickMessage("alicia"));
        await alice.ExpectErrorAsync(ErrorCodes.NamesUnavailable);
        Assert.Equal("alice", alice.Session.Name);
    }

    [Fact]
    public async Task NickClaimsTheNewNameAndReleasesTheOldAndQuitReleasesItsName()
    {
        var claims = new FakeClaims();
        await using var core = Create(claims);
        var alice = await core.RegisterAsync("alice");
        var bob = await core.RegisterAsync("bob");

        await alice.SendAsync(new NickMessage("Alice"));
        await bob.ExpectAsync<NickEvent>(e => e.NewName == "Alice");
        Assert.Equal(["alice", "bob"], claims.Held.Order());
        Assert.Empty(claims.Released);

        await alice.SendAsync(new NickMessage("alicia"));
        await bob.ExpectAsync<NickEvent>(e => e.NewName == "alicia");
        Assert.Equal(["Alice"], claims.Released);
        Assert.Equal(["alicia", "bob"], claims.Held.Order());

        await core.Services.GetRequiredService<ChatService>().DisconnectAsync(bob.Session, "bye");
        await alice.ExpectAsync<QuitEvent>(e => e.Name == "bob");
        Assert.Equal(["Alice", "bob"], claims.Released);
    }

    [Fact]
    public async Task DirectMessageGoesToAUserOnlyTheClaimsKnowSpelledAsTheyHaveIt()
    {
        var claims = new FakeClaims();
        claims.Held.Add("Remote");
        await using var core = Create(claims);
        var alice = await core.RegisterAsync("alice");

        await alice.SendAsync(new SayMessage("psst") { To = "REMOTE" });
        var direct = await alice.ExpectAsync<MessageEvent>();
        Assert.Equal(("alice", "Remote", "psst"), (direct.From, direct.To, direct.Text));
        await alice.SendAsync(new SayMessage("psst") { To = "nobody" });
        await alice.ExpectErrorAsync(ErrorCodes.NoSuchUser);
    }

    [Fact]
    public async Task WhoAndRoomsAreAnsweredByThePresence()
    {
        await using var core = CoreHarness.Create(services => services.AddSingleton<IPresence, FakePresence>());
        var alice = await core.RegisterAsync("alice");

        await alice.SendAsync(new WhoMessage());
        Assert.Equal(["alice", "elsewhere"], (await alice.ExpectAsync<WhoEvent>()).Members);
        await alice.SendAsync(new RoomsMessage());
        Assert.Equal([("general", 2)], (await alice.ExpectAsync<RoomsEvent>()).Rooms.Select(r => (r.Name, r.Members)));
    }

    [Fact]
    public async Task AQuitNobodyHearsInABigRoomStillTellsTheStreamWhichRoomsItLeft()
    {
        var observer = new RecordingObserver();
        await using var core = CoreHarness.Create(services => services.AddSingleton<IEventObserver>(observer), "Limits:AnnounceJoinsUpTo=2");
        var alice = await core.RegisterAsync("alice");
        var bob = await core.RegisterAsync("bob");
        var carol = await core.RegisterAsync("carol");                 // the third in general: a quiet arrival
        await carol.SendAsync(new JoinMessage("side"));
        await alice.SendAsync(new JoinMessage("side"));
        await carol.ExpectAsync<JoinEvent>(e => e is { Room: "side", Name: "alice" });

        await core.Services.GetRequiredService<ChatService>().DisconnectAsync(carol.Session, "bye");
        await alice.ExpectAsync<QuitEvent>(e => e.Name == "carol");     // through side, which is small
        await alice.SendAsync(new SayMessage("after") { Room = "general" });
        await bob.ExpectAsync<MessageEvent>(e => e.Text == "after");

        Assert.DoesNotContain(bob.Received, e => e is QuitEvent or JoinEvent { Name: "carol" });
        var quit = Assert.Single(observer.Events, e => e.Event is QuitEvent);
        Assert.Equal(["side"], quit.Rooms);
        Assert.Equal(["general"], quit.QuietRooms);
    }

    private static CoreHarness Create(FakeClaims claims) => CoreHarness.Create(services => services.AddSingleton<INameClaims>(claims));

    /// <summary>Claims as a shared store would decide them, ignoring case; names added to <see cref="Held"/> are another node's.</summary>
    private sealed class FakeClaims : INameClaims
    {
        public HashSet<string> Held { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<string> Released { get; } = [];

        public bool Unavailable { get; set; }

        public ValueTask<NameClaim> ClaimAsync(string name)
        {
            lock (Held)
            {
                return ValueTask.FromResult(Unavailable ? NameClaim.Unavailable : Held.Add(name) ? NameClaim.Claimed : NameClaim.Taken);
            }
        }

        public ValueTask ReleaseAsync(string name)
        {
            lock (Held)
            {
                Held.Remove(name);
                Released.Add(name);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask<string?> FindAsync(string name)
        {
            lock (Held)
            {
                return ValueTask.FromResult(Held.TryGetValue(name, out var spelled) ? spelled : null);
            }
        }
    }

    private sealed class FakePresence : IPresence
    {
        public ValueTask<WhoEvent> WhoAsync(Room room) => ValueTask.FromResult(new WhoEvent(room.Name, ["alice", "elsewhere"]));

        public ValueTask<RoomsEvent> ListRoomsAsync() => ValueTask.FromResult(new RoomsEvent([new RoomInfo("general", 2)]));
    }
}
