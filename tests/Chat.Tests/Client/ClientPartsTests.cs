using Chat.Client;
using Chat.Client.Bots;
using Chat.Client.Terminal;
using Chat.Protocol;

namespace Chat.Tests.Client;

/// <summary>The client's pure pieces: backoff, session state, command parsing, formatting, colours, wire parsing.</summary>
public class ClientPartsTests
{
    [Fact]
    public void BackoffDoublesUpToTheCapAndJitterOnlyShortensIt()
    {
        var reconnect = new ReconnectOptions { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10), Jitter = 0.5 };

        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(1, 6).Select(a => reconnect.DelayFor(a, 0).TotalSeconds));
        Assert.Equal(5, reconnect.DelayFor(100, 0.999999).TotalSeconds, precision: 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => (reconnect with { MaxDelay = TimeSpan.FromMilliseconds(1) }).Validate());
    }

    [Fact]
    public void SessionStateFollowsOwnJoinsLeavesSwitchesAndNickOnly()
    {
        var state = new SessionState("alice");
        foreach (var e in new ServerEvent[]
        {
            new WelcomeEvent("alice", "general", "ChatApp"),
            new JoinEvent("general", "alice"),
            new JoinEvent("dev", "bob"),
            new JoinEvent("dev", "ALICE"),
            new JoinEvent("ops", "alice"),
            new InfoEvent("You are now talking in #general.", "general"),
            new LeaveEvent("ops", "alice"),
            new NickEvent("alice", "alicia"),
        })
        {
            state.Observe(e);
        }

        Assert.Equal(("alicia", "general"), (state.Current.Name, state.Current.CurrentRoom));
        Assert.Equal(["general", "dev"], state.Current.Rooms);
    }

    [Theory]
    [InlineData(new[] { "general", "dev" }, "dev", new[] { "/join #dev" })]
    [InlineData(new[] { "general", "dev" }, "general", new[] { "/join #dev", "/switch #general" })]
    [InlineData(new[] { "dev" }, "dev", new[] { "/join #dev", "/leave #general" })]
    [InlineData(new string[0], null, new[] { "/leave #general" })]
    public void RestoringASessionRejoinsItsRoomsAndCurrentRoom(string[] rooms, string? current, string[] expected)
    {
        var saved = new SessionState.Snapshot("alice", [.. rooms], current);
        // Shown in slash form for the reader; sent as command objects.
        Assert.Equal(expected, saved.RestoreCommands("general").Select(command => command switch
        {
            JoinMessage join => $"/join #{join.Room}",
            LeaveMessage leave => $"/leave #{leave.Room}",
            SwitchMessage change => $"/switch #{change.Room}",
            _ => command.ToString(),
        }));
    }

    [Theory]
    [InlineData("!roll 2d6", "roll", "2d6")]
    [InlineData("!ROLL   2d6  ", "roll", "2d6")]
    [InlineData("!seen", "seen", "")]
    public void BotCommandsAreThePrefixAndAName(string text, string name, string arguments)
    {
        Assert.True(BotCommand.TryParse(text, "!", out var parsedName, out var parsedArguments));
        Assert.Equal((name, arguments), (parsedName, parsedArguments));
    }

    [Theory]
    [InlineData("roll 2d6")]
    [InlineData("!")]
    [InlineData("! roll")]
    [InlineData("!!!")]
    [InlineData("wow!roll")]
    public void OtherTextIsNotABotCommand(string text) => Assert.False(BotCommand.TryParse(text, "!", out _, out _));

    [Fact]
    public void NameColoursAreStableAndIgnoreCase()
    {
        // Fixed values: a colour must not change between runs (string.GetHashCode would).
        Assert.Equal(Ansi.NameColour("alice"), Ansi.NameColour("ALICE"));
        Assert.Equal(36, Ansi.NameColour("alice"));
        Assert.Equal(95, Ansi.NameColour("bob"));
        Assert.Equal("\u001b[1;36malice\u001b[0m", Ansi.Render(new StyledLine([new Span("alice", Style.Name)]), colour: true));
    }

    [Fact]
    public void EventsPrintAsOneLineEachInCompactForm()
    {
        Assert.Equal(["*bob -> alice* psst"], Lines(new MessageEvent(1, DateTimeOffset.UtcNow, "bob", "psst", To: "alice")));
        Assert.Equal(["*** Rooms (2): #general (2) - hi, #dev (1)"], Lines(new RoomsEvent([new("general", 2, "hi"), new("dev", 1)])));
        Assert.Equal(["*** Connection lost (gone); reconnecting in 800 ms"], Lines(new DisconnectedEvent("gone", 1, TimeSpan.FromMilliseconds(800))));
        Assert.Equal(["*** Reconnect failed (refused); trying again in 1.5 s (attempt 2)"], Lines(new DisconnectedEvent("refused", 2, TimeSpan.FromSeconds(1.5))));
        Assert.Empty(Lines(new PingEvent()));
        Assert.Equal(["*** ann banned b*d from #x (spam)"], Lines(new RoomModeEvent("x", "ann", RoomModes.Ban, "b*d") { Reason = "spam" }));
        Assert.Equal(["*** root disconnected bob (enough)"], Lines(new KillEvent("bob", "root", "enough")));
        Assert.Equal(["*** Announcement from root: restart at noon"], Lines(new AnnouncementEvent("root", "restart at noon")));
        Assert.Equal(["*** ann kicked bob from #x"], Lines(new KickEvent("x", "bob", "ann")));
        Assert.Equal(3, EventFormatter.Format(new HelpEvent([new("a", "/a", "x"), new("b", "/b", "y")]), compact: false).Count);

        static IEnumerable<string> Lines(ServerEvent e) => EventFormatter.Format(e, compact: true).Select(l => l.Text);
    }

    [Fact]
    public void EveryServerEventInTheProtocolDocumentParses()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "ChatApp.sln")))
        {
            root = root.Parent!;
        }

        var lines = File.ReadLines(Path.Combine(root.FullName, "docs", "PROTOCOL.md"))
            .Select(l => l.Trim())
            .SkipWhile(l => l != "Server to client, one object per line (`null` fields are omitted):")
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Where(l => l.StartsWith("{\"type\"", StringComparison.Ordinal))
            .ToList();

        Assert.True(lines.Count >= 15, $"Found only {lines.Count} examples.");
        Assert.All(lines, line => Assert.NotNull(ProtocolJson.ReadServerEvent(System.Text.Encoding.UTF8.GetBytes(line))));
    }
}
