using Chat.Client.Bots;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Client;

public class BotReconnectTests
{
    [Fact]
    public async Task BotComesBackToItsRoomsAfterTheServerRestarts()
    {
        var first = await TestServer.StartAsync();
        var port = first.ChatPort;
        await using var bot = RunningBot.Start(port, "dicebot", b => b.AddDice(), new BotOptions { Rooms = ["games"] });
        await using (var alice = await first.ConnectTextAsync("alice"))
        {
            await alice.SendAsync("/join games");
            await alice.SendAsync("/who games");
            await alice.ExpectAsync(line => IsBotInGames(line), what: "dicebot in #games");
        }

        await first.DisposeAsync();
        await using var second = await TestServer.StartAsync($"Kestrel:Endpoints:Chat:Url=http://127.0.0.1:{port}");
        await using var carol = await second.ConnectTextAsync("carol");
        await carol.SendAsync("/join games");
        await carol.SendAsync("/who games");
        await carol.ExpectAsync(line => IsBotInGames(line), what: "dicebot back in #games");

        await carol.SendAsync("!roll 3d4");
        Assert.Matches(@"^#games <dicebot> carol rolls 3d4: [1-4] \+ [1-4] \+ [1-4] = \d+$", await carol.ExpectAsync("<dicebot>"));
    }

    /// <summary>
    /// The bot may get to the room before or after the user: then the member list (asked right after
    /// joining) names it, or a join notice follows. Either way no sleep is needed.
    /// </summary>
    private static bool IsBotInGames(string line) =>
        line.StartsWith("*** #games (", StringComparison.Ordinal) && line.Split(": ")[1].Split(", ").Contains("dicebot")
        || line == "*** dicebot joined #games";
}
