using Chat.Tests.Infrastructure;

namespace Chat.Tests.Irc;

/// <summary>A room's earlier messages on joining and with HISTORY, as IRC clients with and without server-time take them.</summary>
public class IrcHistoryTests
{
    [Fact]
    public async Task JoinersGetEarlierMessagesWithTheirTimeInABatchOrAsNoticesWithoutServerTime()
    {
        using var database = new TempDatabase();
        await using var server = await IrcTestServer.StartAsync([.. database.Settings]);
        await using var text = await server.ConnectTextAsync("tess");
        await text.SendAsync("before you came");
        await text.SendAsync("/me waves");
        await text.SendAsync("/who");
        await text.ExpectAsync("*** #general (");

        await using var modern = await server.ConnectIrcAsync("modern", "server-time", "batch");
        await modern.SendAsync("JOIN #general");
        var lines = await modern.SyncAsync();
        Assert.Equal(":modern!modern@chatapp JOIN #general", lines[0]);
        Assert.Equal(":ChatApp BATCH +history chathistory #general", lines[1]);
        Assert.Matches(@"^@time=\S+Z;batch=history :tess!tess@chatapp PRIVMSG #general :before you came$", lines[2]);
        Assert.Matches(@"^@time=\S+Z;batch=history :tess!tess@chatapp PRIVMSG #general :\u0001ACTION waves\u0001$", lines[3]);
        Assert.Equal(":ChatApp BATCH -history", lines[4]);
        Assert.StartsWith(":ChatApp 353 modern = #general :", lines[5]);

        await using var plain = await server.ConnectIrcAsync("plain");
        await plain.SendAsync("JOIN #general");
        lines = await plain.SyncAsync();
        Assert.Equal(":ChatApp NOTICE #general :Earlier in #general (times in UTC):", lines[1]);
        Assert.Matches(@"^:ChatApp NOTICE #general :\[\d\d:\d\d\] #general <tess> before you came$", lines[2]);
        Assert.Matches(@"^:ChatApp NOTICE #general :\[\d\d:\d\d\] #general \* tess waves$", lines[3]);
        Assert.Equal(":ChatApp NOTICE #general :End of earlier messages in #general.", lines[4]);

        await plain.SendAsync("HISTORY #general 1");
        Assert.Contains("waves", string.Join('\n', await plain.SyncAsync()));
    }
}
