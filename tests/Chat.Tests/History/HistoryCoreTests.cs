using System.Diagnostics.Metrics;
using Chat.Handlers;
using Chat.Handlers.Events;
using Chat.Handlers.History;
using Chat.Handlers.Rooms;
using Chat.Protocol;
using Chat.Tests.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Tests.History;

/// <summary>History wired into the core (in memory, no sockets): what is kept, scrollback on join, paging, failures.</summary>
public sealed class HistoryCoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RoomMessagesActionsAndTopicChangesAreKeptButNeverDirectMessagesOrPresence()
    {
        var store = new InMemoryHistoryStore(new HistoryOptions());
        await using var core = Create(store);
        var alice = await core.RegisterAsync("alice");
        var bob = await core.RegisterAsync("bob");

        await alice.SendAsync(new SayMessage("hello"));
        await alice.SendAsync(new ActionMessage("waves"));
        await alice.SendAsync(new TopicMessage(null, "news"));
        await alice.SendAsync(new SayMessage("psst") { To = "bob" });
        await alice.SendAsync(new SayMessage("psst again", "general") { To = "bob" });
        await alice.SendAsync(new NickMessage("alicia"));
        await alice.SendAsync(new JoinMessage("dev"));
        await alice.SendAsync(new SayMessage("in dev"));
        await bob.ExpectAsync<NickEvent>();

        var general = await store.ReadAsync("general", null, 100, Ct);
        Assert.Equal(
            [(HistoryKind.Message, "alice", "hello"), (HistoryKind.Action, "alice", "waves"), (HistoryKind.Topic, "alice", "news")],
            general.Entries.Select(e => (e.Kind, e.From, e.Text)));
        Assert.Equal([1L, 2, 3], general.Entries.Select(e => e.Id));
        Assert.Equal(["in dev"], (await store.ReadAsync("dev", null, 100, Ct)).Entries.Select(e => e.Text));
        Assert.Equal(["dev", "general"], (await store.LoadRoomsAsync(Ct)).Select(r => r.Room).Order());
    }

    [Fact]
    public async Task JoiningShowsTheRoomsLastMessagesAfterTheJoinAndTheTopic()
    {
        var store = new InMemoryHistoryStore(new HistoryOptions());
        await using var core = Create(store, ["OnJoin=3"]);
        var alice = await core.RegisterAsync("alice");
        await alice.SendAsync(new JoinMessage("dev"));
        await alice.SendAsync(new TopicMessage("dev", "release"));
        for (var i = 1; i <= 4; i++)
        {
            await alice.SendAsync(new SayMessage($"line {i}", "dev"));
        }

        var bob = await core.RegisterAsync("bob");
        await bob.SendAsync(new JoinMessage("dev"));

        await bob.ExpectAsync<JoinEvent>(e => e is { Room: "dev", Name: "bob" });
        var afterJoin = bob.Received.Count;
        var topic = await bob.ExpectAsync<TopicEvent>();
        var history = await bob.ExpectAsync<HistoryEvent>();
        Assert.Equal(afterJoin, bob.Received.IndexOf(topic));
        Assert.Equal(afterJoin + 1, bob.Received.IndexOf(history));
        Assert.Equal(("dev", true), (history.Room, history.More));
        Assert.Equal(
            [(3L, "line 2"), (4L, "line 3"), (5L, "line 4")],
            history.Messages.Cast<MessageEvent>().Select(m => (m.Id, m.Text)));
        Assert.All(history.Messages.Cast<MessageEvent>(), m => Assert.Equal(("dev", "alice"), (m.Room, m.From)));
    }

    [Fact]
    public async Task RegisteringShowsTheDefaultRoomsHistoryAndAnEmptyRoomShowsNone()
    {
        var store = new InMemoryHistoryStore(new HistoryOptions());
        await using var core = Create(store);
        var alice = await core.RegisterAsync("alice");
        await alice.SendAsync(new SayMessage("first"));
        await alice.SendAsync(new JoinMessage("empty"));
        await alice.ExpectAsync<JoinEvent>(e => e.Room == "empty");
        await alice.SendAsync(new WhoMessage("empty"));
        await alice.ExpectAsync<WhoEvent>();
        Assert.DoesNotContain(alice.Received, e => e is HistoryEvent);

        var bob = await core.RegisterAsync("bob");

        var history = await bob.ExpectAsync<HistoryEvent>();
        Assert.Equal(("general", false), (history.Room, history.More));
        Assert.Equal("first", Assert.IsType<MessageEvent>(Assert.Single(history.Messages)).Text);
    }

    [Fact]
    public async Task PagesGoBackwardsWithBeforeAndAreCappedAtMaxPageSize()
    {
        var store = new InMemoryHistoryStore(new HistoryOptions { MaxPageSize = 5 });
        await using var core = Create(store, ["OnJoin=0", "MaxPageSize=5"]);
        var alice = await core.RegisterAsync("alice");
        for (var i = 1; i <= 12; i++)
        {
            await alice.SendAsync(new SayMessage($"line {i}"));
        }

        await AssertPageAsync(alice, new HistoryMessage(Limit: 500), [8L, 9, 10, 11, 12], more: true);
        await AssertPageAsync(alice, new HistoryMessage("#general", Before: 8, Limit: 2), [6L, 7], more: true);
        await AssertPageAsync(alice, new HistoryMessage("general", Before: 6), [1L, 2, 3, 4, 5], more: false);
        await AssertPageAsync(alice, new HistoryMessage(Before: 1), [], more: false);
        // Without a limit: the default page of 20, capped at 5 here.
        await AssertPageAsync(alice, new HistoryMessage(), [8L, 9, 10, 11, 12], more: true);

        foreach (var bad in new[] { new HistoryMessage(Limit: 0), new HistoryMessage(Before: 0), new HistoryMessage(Before: -3) })
        {
            await alice.SendAsync(bad);
            Assert.Equal("Usage: /history [#ROOM|ACCOUNT] [before ID] [N]", (await alice.ExpectErrorAsync(ErrorCodes.BadArguments)).Message);
        }
    }

    [Fact]
    public async Task OnlyMembersReadARoomsHistory()
    {
        var store = new InMemoryHistoryStore(new HistoryOptions());
        await using var core = Create(store);
        var alice = await core.RegisterAsync("alice");
        await alice.SendAsync(new JoinMessage("secret"));
        await alice.SendAsync(new SayMessage("hidden", "secret"));
        var bob = await core.RegisterAsync("bob");

        await bob.SendAsync(new HistoryMessage("secret"));

        Assert.Equal("You are not in #secret.", (await bob.ExpectErrorAsync(ErrorCodes.NotInRoom)).Message);
        Assert.DoesNotContain(bob.Received, e => e is HistoryEvent { Room: "secret" });
    }

    [Fact]
    public async Task APageIsKeptWithinTheLongestLineByLeavingOutItsOldestEntries()
    {
        var store = new InMemoryHistoryStore(new HistoryOptions());
        // The longest JSON line is 1,000 bytes here; a 100-character line counts as at most 536.
        await using var core = Create(store, ["OnJoin=0"], chat: ["Limits:MaxLineBytes=1000", "MaxPayloadBytes=0"]);
        var alice = await core.RegisterAsync("alice");
        for (var i = 1; i <= 3; i++)
        {
            await alice.SendAsync(new SayMessage(new string((char)('a' + i), 100)));
        }

        await AssertPageAsync(alice, new HistoryMessage(Limit: 3), [3L], more: true);
        await AssertPageAsync(alice, new HistoryMessage(Before: 3), [2L], more: true);
    }

    [Fact]
    public async Task WithHistoryOffNothingIsShownAndRequestsAreRefused()
    {
        await using var core = Create(store: null, ["Enabled=false"]);
        var alice = await core.RegisterAsync("alice");
        await alice.SendAsync(new SayMessage("said"));
        var bob = await core.RegisterAsync("bob");

        await bob.SendAsync(new HistoryMessage());

        Assert.Equal("This server keeps no history.", (await bob.ExpectErrorAsync(ErrorCodes.HistoryDisabled)).Message);
        Assert.DoesNotContain(bob.Received, e => e is HistoryEvent);
        Assert.Empty(core.Services.GetServices<IEventObserver>());
    }

    [Fact]
    public async Task AFailedWriteIsRefusedToItsSenderOnlyLoggedAndCounted()
    {
        var store = new FailingStore(new InMemoryHistoryStore(new HistoryOptions()));
        var logger = new ListLogger<HistoryObserver>();
        await using var core = Create(store, configure: services => services.AddSingleton<ILogger<HistoryObserver>>(logger));
        using var failures = new FailureCounter(core.Services.GetRequiredService<IMeterFactory>());
        var alice = await core.RegisterAsync("alice");
        var bob = await core.RegisterAsync("bob");
        await alice.SendAsync(new SayMessage("kept"));
        await bob.ExpectAsync<MessageEvent>(m => m.Text == "kept");

        store.Failing = true;
        await alice.SendAsync(new SayMessage("lost"));
        await alice.SendAsync(new ActionMessage("shrugs"));
        var refused = await alice.ExpectErrorAsync(ErrorCodes.HistoryWriteFailed);
        Assert.Equal("Your message to #general could not be saved, so nobody got it. Try again.", refused.Message);
        await alice.ExpectErrorAsync(ErrorCodes.HistoryWriteFailed);
        store.Failing = false;
        await alice.SendAsync(new SayMessage("kept again"));

        var next = await bob.ExpectAsync<MessageEvent>(m => m.Text == "kept again");
        Assert.DoesNotContain(bob.Received, e => e is MessageEvent { Text: "lost" } or ActionEvent);
        Assert.DoesNotContain(alice.Received, e => e is MessageEvent { Text: "lost" });
        Assert.Equal(4, next.Id);
        Assert.Equal(2, failures.Count);
        Assert.Equal(2, logger.Entries.Count(e => e.Id.Id == 812 && e.Level == LogLevel.Warning && e.Message.Contains("#general")));
        Assert.Equal(["kept", "kept again"], (await store.ReadAsync("general", null, 10, Ct)).Entries.Select(e => e.Text));
    }

    [Fact]
    public async Task ARoomThatComesBackGetsTheTopicItsHistoryKept()
    {
        var store = new InMemoryHistoryStore(new HistoryOptions());
        await using var core = Create(store);
        var alice = await core.RegisterAsync("alice");
        await alice.SendAsync(new JoinMessage("dev"));
        await alice.SendAsync(new TopicMessage("dev", "ship it"));
        await alice.SendAsync(new LeaveMessage("dev"));
        await alice.ExpectAsync<LeaveEvent>();
        Assert.False(core.Services.GetRequiredService<RoomRegistry>().TryGet("dev", out _));

        await alice.SendAsync(new JoinMessage("DEV"));

        Assert.Equal("ship it", (await alice.ExpectAsync<TopicEvent>(t => t.By is null)).Topic);
    }

    [Fact]
    public async Task AtStartIdsContinueAfterTheStoredOnesAndConfiguredRoomsGetTheirTopics()
    {
        var store = new InMemoryHistoryStore(new HistoryOptions());
        await store.AppendAsync(new HistoryEntry("general", 41, DateTimeOffset.UnixEpoch, HistoryKind.Topic, "old", "kept topic"), Ct);
        await store.AppendAsync(new HistoryEntry("dev", 7, DateTimeOffset.UnixEpoch, HistoryKind.Message, "old", "hi"), Ct);
        await using var core = Create(store);
        await new HistoryRestore(store, core.Stream, core.Services.GetRequiredService<RoomRegistry>(), NullLogger<HistoryRestore>.Instance)
            .StartingAsync(Ct);

        var alice = await core.RegisterAsync("alice");
        Assert.Equal("kept topic", (await alice.ExpectAsync<TopicEvent>()).Topic);
        await alice.SendAsync(new SayMessage("next"));
        await alice.SendAsync(new JoinMessage("dev"));
        await alice.SendAsync(new SayMessage("next in dev"));

        Assert.Equal(42, (await alice.ExpectAsync<MessageEvent>(m => m.Text == "next")).Id);
        Assert.Equal(8, (await alice.ExpectAsync<MessageEvent>(m => m.Text == "next in dev")).Id);
    }

    /// <param name="history">Overrides of the <c>Chat:History</c> section; <paramref name="chat"/> of the <c>Chat</c> section.</param>
    private static CoreHarness Create(
        IHistoryStore? store, string[]? history = null, string[]? chat = null, Action<IServiceCollection>? configure = null) =>
        CoreHarness.Create(services =>
        {
            if (store is not null)
            {
                services.AddSingleton(store);
            }

            services.AddChatHistory(new ConfigurationBuilder()
                .AddInMemoryCollection((history ?? []).Select(s => s.Split('=', 2)).Select(p => KeyValuePair.Create<string, string?>(p[0], p[1])))
                .Build());
            configure?.Invoke(services);
        }, chat ?? []);

    private static async Task AssertPageAsync(FakeClient client, HistoryMessage request, long[] ids, bool more)
    {
        await client.SendAsync(request);
        var page = await client.ExpectAsync<HistoryEvent>();
        Assert.Equal(ids, page.Messages.Cast<MessageEvent>().Select(m => m.Id));
        Assert.Equal(more, page.More);
    }

    /// <summary>Counts <c>chat.history.append_failures</c> of one test's meters only (tests run side by side).</summary>
    private sealed class FailureCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public FailureCounter(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "chat.history.append_failures")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>A store whose appends fail while <see cref="Failing"/> is set, as a full disk would make them.</summary>
    private sealed class FailingStore(IHistoryStore inner) : IHistoryStore
    {
        public volatile bool Failing;

        public ValueTask AppendAsync(HistoryEntry entry, CancellationToken cancellationToken = default) =>
            Failing ? ValueTask.FromException(new IOException("disk full")) : inner.AppendAsync(entry, cancellationToken);

        public ValueTask<HistoryPage> ReadAsync(string room, long? beforeId, int limit, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(room, beforeId, limit, cancellationToken);

        public ValueTask<HistoryPage> ReadAfterAsync(string room, long afterId, int limit, CancellationToken cancellationToken = default) =>
            inner.ReadAfterAsync(room, afterId, limit, cancellationToken);

        public ValueTask<IReadOnlyList<RoomHistoryState>> LoadRoomsAsync(CancellationToken cancellationToken = default) =>
            inner.LoadRoomsAsync(cancellationToken);

        public ValueTask<RoomHistoryState?> LoadRoomAsync(string room, CancellationToken cancellationToken = default) =>
            inner.LoadRoomAsync(room, cancellationToken);

        public ValueTask<int> PruneAsync(int maxPerRoom, DateTimeOffset olderThan, CancellationToken cancellationToken = default) =>
            inner.PruneAsync(maxPerRoom, olderThan, cancellationToken);

        public ValueTask CheckWritableAsync(CancellationToken cancellationToken = default) => inner.CheckWritableAsync(cancellationToken);
    }
}
