using System.Text.RegularExpressions;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Irc;

/// <summary>CHATHISTORY (draft/chathistory): pages of a channel's or a conversation's messages by msgid, in a batch.</summary>
public partial class IrcChatHistoryTests
{
    private static readonly string[] Capabilities = ["server-time", "batch", "message-tags", "draft/chathistory"];

    [Fact]
    public async Task PagesComeInABatchByMsgidLatestBeforeAfterAroundAndBetween()
    {
        using var database = new TempDatabase();
        await using var server = await IrcTestServer.StartAsync([.. database.Settings, "Chat:History:OnJoin=0", "Chat:History:MaxPageSize=50"]);
        await using var text = await server.ConnectTextAsync("tess");
        await text.SendAsync("/topic plans");
        foreach (var word in Words)
        {
            await text.SendAsync(word);
        }

        await text.SendAsync("/who");
        await text.ExpectAsync("*** #general (");
        await using var irc = await server.ConnectIrcAsync("modern", Capabilities);
        Assert.Contains(irc.Received, line => line.StartsWith(":ChatApp 005 modern ", StringComparison.Ordinal) && line.Contains(" CHATHISTORY=50 ", StringComparison.Ordinal));
        await irc.SendAsync("JOIN #general");
        await irc.SyncAsync();

        await irc.SendAsync("CHATHISTORY LATEST #general * 100");
        var all = Batch(await irc.SyncAsync(), "#general");
        Assert.Equal(Words, all.Select(m => m.Text));
        var ids = all.Select(m => m.Id).ToArray();
        Assert.Equal(ids.Order(), ids);

        await irc.SendAsync($"CHATHISTORY LATEST #general * 2");
        Assert.Equal(["five", "six"], Batch(await irc.SyncAsync(), "#general").Select(m => m.Text));
        await irc.SendAsync($"CHATHISTORY BEFORE #general msgid={ids[3]} 2");
        Assert.Equal(["two", "three"], Batch(await irc.SyncAsync(), "#general").Select(m => m.Text));
        await irc.SendAsync($"CHATHISTORY AFTER #general msgid={ids[1]} 2");
        Assert.Equal(["three", "four"], Batch(await irc.SyncAsync(), "#general").Select(m => m.Text));
        await irc.SendAsync($"CHATHISTORY AROUND #general msgid={ids[3]} 3");
        Assert.Equal(["three", "four", "five"], Batch(await irc.SyncAsync(), "#general").Select(m => m.Text));
        await irc.SendAsync($"CHATHISTORY BETWEEN #general msgid={ids[0]} msgid={ids[3]} 10");
        Assert.Equal(["two", "three"], Batch(await irc.SyncAsync(), "#general").Select(m => m.Text));
        await irc.SendAsync($"CHATHISTORY BETWEEN #general msgid={ids[5]} msgid={ids[2]} 10");
        Assert.Equal(["four", "five"], Batch(await irc.SyncAsync(), "#general").Select(m => m.Text));
        await irc.SendAsync($"CHATHISTORY LATEST #general msgid={ids[4]} 10");
        Assert.Equal(["six"], Batch(await irc.SyncAsync(), "#general").Select(m => m.Text));
        await irc.SendAsync($"CHATHISTORY LATEST #general timestamp=2999-01-01T00:00:00.000Z 10");
        Assert.Empty(Batch(await irc.SyncAsync(), "#general"));

        // A live message carries the id CHATHISTORY takes.
        await text.SendAsync("seven");
        var live = await irc.ExpectAsync(":seven");
        Assert.Matches($@"^@time=\S+Z;msgid={ids[^1] + 1} :tess!tess@chatapp PRIVMSG #general :seven$", live);
    }

    [Fact]
    public async Task RefusalsAreStandardReplies()
    {
        using var database = new TempDatabase();
        await using var server = await IrcTestServer.StartAsync([.. database.Settings]);
        await using var irc = await server.ConnectIrcAsync("modern", Capabilities);
        await irc.SendAsync("JOIN #general");
        await irc.SyncAsync();

        // Offered here, where history is kept (the default test server keeps none and offers no draft/chathistory).
        await irc.SendAsync("CAP LS 302");
        Assert.Equal(":ChatApp CAP modern LS :batch draft/chathistory echo-message message-tags multi-prefix sasl=PLAIN server-time", await irc.ReadLineAsync());
        await irc.SendAsync("CHATHISTORY TARGETS * * 5");
        await irc.SendAsync("CHATHISTORY LATEST #general *");
        await irc.SendAsync("CHATHISTORY BEFORE #general * 5");
        await irc.SendAsync("CHATHISTORY AFTER #general timestamp=2026-11-01T00:00:00.000Z 5");
        await irc.SendAsync("CHATHISTORY LATEST #general * 0");
        await irc.SendAsync("CHATHISTORY LATEST #general msgid=x 5");
        await irc.SendAsync("CHATHISTORY LATEST #elsewhere * 5");
        await irc.SendAsync("CHATHISTORY LATEST tess * 5");
        Assert.Equal(
            [
                ":ChatApp FAIL CHATHISTORY UNKNOWN_COMMAND TARGETS :Unknown command",
                ":ChatApp FAIL CHATHISTORY NEED_MORE_PARAMS LATEST :Missing parameters",
                ":ChatApp FAIL CHATHISTORY INVALID_PARAMS BEFORE :" + InvalidParams,
                ":ChatApp FAIL CHATHISTORY INVALID_PARAMS AFTER :" + InvalidParams,
                ":ChatApp FAIL CHATHISTORY INVALID_PARAMS LATEST :" + InvalidParams,
                ":ChatApp FAIL CHATHISTORY INVALID_PARAMS LATEST :" + InvalidParams,
                ":ChatApp FAIL CHATHISTORY INVALID_TARGET LATEST #elsewhere :Messages could not be retrieved",
                // A conversation's history belongs to accounts: a guest has none.
                ":ChatApp FAIL CHATHISTORY INVALID_TARGET LATEST tess :Messages could not be retrieved",
            ],
            await irc.SyncAsync());
    }

    [Fact]
    public async Task AConversationBetweenAccountsPagesByTheOtherNick()
    {
        using var database = new TempDatabase();
        await using var server = await IrcTestServer.StartAsync([.. database.Settings]);
        await using var bob = await server.ConnectTextAsync("bob");
        await using var alice = await server.ConnectIrcAsync("alice", Capabilities);
        await bob.SendAsync("/register bobsecret1");
        await bob.ExpectAsync("now registered");
        await alice.SendAsync("REGISTER wonderland");
        await alice.SendAsync("PRIVMSG bob :hi bob");
        await bob.ExpectAsync("hi bob");
        await bob.SendAsync("/msg alice hi alice");
        await alice.ExpectAsync(":hi alice");

        await alice.SendAsync("CHATHISTORY LATEST bob * 10");
        var lines = await alice.SyncAsync();
        Assert.Equal([("alice", "bob", "hi bob"), ("bob", "alice", "hi alice")], Batch(lines, "bob").Select(m => (m.From, m.To, m.Text)));
    }

    private const string InvalidParams = "Invalid parameters: a reference is * (LATEST), msgid=ID, or timestamp=T (LATEST)";

    private static readonly string[] Words = ["one", "two", "three", "four", "five", "six"];

    /// <summary>The messages of the one chathistory batch <paramref name="lines"/> hold, which must be all they hold.</summary>
    private static List<(long Id, string From, string To, string Text)> Batch(List<string> lines, string target)
    {
        Assert.Equal($":ChatApp BATCH +history chathistory {target}", lines[0]);
        Assert.Equal(":ChatApp BATCH -history", lines[^1]);
        return [.. lines[1..^1].Select(line =>
        {
            var match = HistoryLine().Match(line);
            Assert.True(match.Success, line);
            return (long.Parse(match.Groups[1].Value), match.Groups[2].Value, match.Groups[3].Value, match.Groups[4].Value);
        })];
    }

    [GeneratedRegex(@"^@time=\S+Z;msgid=(\d+);batch=history :(\S+)!\S+ PRIVMSG (\S+) :(.*)$")]
    private static partial Regex HistoryLine();
}
