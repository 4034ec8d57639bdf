using System.Globalization;
using System.Text.RegularExpressions;

namespace Chat.Client.Bots;

/// <summary>A dice expression such as <c>2d6</c>, <c>d20</c> or <c>3d8+2</c>, within limits that keep the answer one short line.</summary>
public sealed partial record DiceRoll(int Count, int Sides, int Modifier)
{
    public const int MaxCount = 100;
    public const int MaxSides = 1000;
    public const int MaxModifier = 1000;

    public override string ToString() =>
        $"{Count}d{Sides}{(Modifier == 0 ? "" : Modifier.ToString("+0;-0", CultureInfo.InvariantCulture))}";

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says why, politely enough to show to a user.</summary>
    public static bool TryParse(string text, out DiceRoll roll, out string problem)
    {
        roll = new DiceRoll(1, 6, 0);
        problem = "";
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            problem = "I don't understand that roll";
            return false;
        }

        // The pattern allows at most 9 digits per number, so these cannot overflow.
        var count = match.Groups["count"].Length == 0 ? 1 : int.Parse(match.Groups["count"].ValueSpan, CultureInfo.InvariantCulture);
        var sides = int.Parse(match.Groups["sides"].ValueSpan, CultureInfo.InvariantCulture);
        var modifier = match.Groups["modifier"].Length == 0
            ? 0
            : int.Parse(match.Groups["modifier"].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        problem = count switch
        {
            < 1 => "I need at least one die",
            > MaxCount => $"{count} dice are too many: I roll at most {MaxCount}",
            _ => sides switch
            {
                < 2 => "a die needs at least 2 sides",
                > MaxSides => $"{sides} sides are too many: at most {MaxSides}",
                _ => Math.Abs(modifier) > MaxModifier ? $"the bonus can be at most {MaxModifier}" : "",
            },
        };
        roll = new DiceRoll(count, sides, modifier);
        return problem.Length == 0;
    }

    public IReadOnlyList<int> Roll(Random random) => [.. Enumerable.Range(0, Count).Select(_ => random.Next(1, Sides + 1))];

    [GeneratedRegex(@"^(?<count>\d{0,9})[dD](?<sides>\d{1,9})(?<modifier>[+-]\d{1,9})?$")]
    private static partial Regex Pattern();
}
