using System.Text.RegularExpressions;
using Chat.Client.Bots;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Client;

public partial class DiceBotTests
{
    [Fact]
    public async Task AnswersRollFromATextUserWithRollsInRangeAndIgnoresOrdinaryChat()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bot = RunningBot.Start(server.ChatPort, "dicebot", b => b.AddDice());
        await alice.ExpectAsync("*** dicebot joined #general");

        // The bot handles messages in order: had it answered the chat line, that answer would come first.
        await alice.SendAsync("I like dice, and 2d6 is my favourite roll");
        await alice.SendAsync("!roll 2d6");
        var reply = await alice.ExpectAsync("<dicebot>");

        var match = RollReply().Match(reply);
        Assert.True(match.Success, reply);
        var first = int.Parse(match.Groups[1].Value);
        var second = int.Parse(match.Groups[2].Value);
        Assert.InRange(first, 1, 6);
        Assert.InRange(second, 1, 6);
        Assert.Equal(first + second, int.Parse(match.Groups[3].Value));
    }

    [Fact]
    public async Task RefusesSillyRollsPolitelyAndAnswersPrivateCommandsPrivately()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bot = RunningBot.Start(server.ChatPort, "dicebot", b => b.AddDice());
        await alice.ExpectAsync("*** dicebot joined #general");

        await alice.SendAsync("!roll 1000d1000");
        Assert.Equal("#general <dicebot> Sorry alice, 1000 dice are too many: I roll at most 100. Try !roll 2d6 or !roll d20+3 (up to 100d1000).",
            await alice.ExpectAsync("<dicebot>"));
        await alice.SendAsync("!roll abc");
        Assert.StartsWith("#general <dicebot> Sorry alice, I don't understand that roll.", await alice.ExpectAsync("<dicebot>"));

        await alice.SendAsync("/msg dicebot !roll d20+3");
        var reply = await alice.ExpectAsync("*dicebot -> alice*");
        var total = int.Parse(Regex.Match(reply, @"^\*dicebot -> alice\* alice rolls 1d20\+3: \((\d+)\) \+ 3 = (\d+)$").Groups[2].Value);
        Assert.InRange(total, 4, 23);

        await alice.SendAsync("!help");
        Assert.Equal("#general <dicebot> Commands: !roll [NdM[+K]] - roll dice, for example !roll 2d6 or !roll d20+3; !help - this list",
            await alice.ExpectAsync("<dicebot>"));
    }

    [Theory]
    [InlineData("3d8+2", "alice rolls 3d8+2: (2 + 6 + 4) + 2 = 14")]
    [InlineData("1d4-1", "alice rolls 1d4-1: (3) - 1 = 2")]
    [InlineData("2d6", "alice rolls 2d6: 5 + 1 = 6")]
    public void AModifierIsSetApartFromTheDice(string spec, string expected)
    {
        Assert.Equal(expected, DiceBot.Answer("alice", spec, new ScriptedRandom()));
    }

    [Theory]
    [InlineData("2d6", 2, 6, 0)]
    [InlineData("d20", 1, 20, 0)]
    [InlineData(" 3D8+2 ", 3, 8, 2)]
    [InlineData("1d4-1", 1, 4, -1)]
    [InlineData("100d1000", 100, 1000, 0)]
    public void ParsesDiceExpressions(string text, int count, int sides, int modifier)
    {
        Assert.True(DiceRoll.TryParse(text, out var roll, out var problem), problem);
        Assert.Equal(new DiceRoll(count, sides, modifier), roll);
    }

    [Theory]
    [InlineData("abc", "I don't understand that roll")]
    [InlineData("2d", "I don't understand that roll")]
    [InlineData("99999999999d6", "I don't understand that roll")]
    [InlineData("0d6", "I need at least one die")]
    [InlineData("101d6", "101 dice are too many: I roll at most 100")]
    [InlineData("2d1", "a die needs at least 2 sides")]
    [InlineData("2d1001", "1001 sides are too many: at most 1000")]
    [InlineData("2d6+1001", "the bonus can be at most 1000")]
    public void RefusesSillyExpressionsWithAReason(string text, string expected)
    {
        Assert.False(DiceRoll.TryParse(text, out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void EveryRollIsWithinTheDie()
    {
        var rolls = new DiceRoll(100, 3, 0).Roll(new Random(7));
        Assert.Equal(100, rolls.Count);
        Assert.All(rolls, r => Assert.InRange(r, 1, 3));
        Assert.Equal([1, 2, 3], rolls.Distinct().Order());
    }

    /// <summary>Rolls 2, 6, 4 on a d8; 3 on a d4; 5, 1 on a d6 (each roll is <c>Next(1, sides + 1)</c>).</summary>
    private sealed class ScriptedRandom : Random
    {
        private readonly Queue<int> _d8 = new([2, 6, 4]);
        private readonly Queue<int> _d6 = new([5, 1]);

        public override int Next(int minValue, int maxValue) => maxValue switch
        {
            9 => _d8.Dequeue(),
            7 => _d6.Dequeue(),
            _ => 3,
        };
    }

    [GeneratedRegex(@"^#general <dicebot> alice rolls 2d6: (\d+) \+ (\d+) = (\d+)$")]
    private static partial Regex RollReply();
}
