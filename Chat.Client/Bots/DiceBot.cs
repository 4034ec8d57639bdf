namespace Chat.Client.Bots;

/// <summary><c>!roll 2d6</c>: rolls dice and answers with each roll and the total; refuses silly rolls politely.</summary>
public static class DiceBot
{
    public const string DefaultName = "dicebot";

    public static ChatBot AddDice(this ChatBot bot, Random? random = null)
    {
        random ??= Random.Shared;
        return bot.OnCommand("roll", "[NdM[+K]] - roll dice, for example !roll 2d6 or !roll d20+3", command =>
            command.Reply(Answer(command.From, command.Arguments, random)));
    }

    /// <summary>The reply to <c>!roll <paramref name="spec"/></c> from <paramref name="from"/>.</summary>
    public static string Answer(string from, string spec, Random random)
    {
        if (!DiceRoll.TryParse(spec.Length == 0 ? "1d6" : spec, out var roll, out var problem))
        {
            return $"Sorry {from}, {problem}. Try !roll 2d6 or !roll d20+3 (up to {DiceRoll.MaxCount}d{DiceRoll.MaxSides}).";
        }

        var rolls = roll.Roll(random);
        var dice = string.Join(" + ", rolls);
        // The dice in parentheses, so a modifier never reads as one more die.
        var terms = roll.Modifier switch
        {
            > 0 => $"({dice}) + {roll.Modifier}",
            < 0 => $"({dice}) - {-roll.Modifier}",
            _ => dice,
        };
        return $"{from} rolls {roll}: {terms} = {rolls.Sum() + roll.Modifier}";
    }
}
