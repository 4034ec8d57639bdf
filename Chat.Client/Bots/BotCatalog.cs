namespace Chat.Client.Bots;

/// <summary>The bots the command line can start: <c>bot dice</c>, <c>bot seen</c>.</summary>
public static class BotCatalog
{
    public sealed record Entry(string DefaultName, string Description, Action<ChatBot> Configure);

    public static IReadOnlyDictionary<string, Entry> Bots { get; } = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase)
    {
        ["dice"] = new(DiceBot.DefaultName, "rolls dice: !roll 2d6", bot => bot.AddDice()),
        ["seen"] = new(SeenBot.DefaultName, "remembers who was last seen when: !seen NAME", bot => bot.AddSeen()),
    };
}
