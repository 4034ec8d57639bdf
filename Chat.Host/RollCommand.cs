using Chat.Handlers;
using Chat.Handlers.Commands;
using Chat.Protocol;

namespace Chat.Host;

/// <summary>The worked example of a custom command: <c>/roll 2d6</c> rolls dice and tells the room.</summary>
public sealed class RollCommand : ChatCommand
{
    private const int MaxDice = 100;
    private const int MaxSides = 1000;

    public override string Name => "roll";
    public override string Usage => "/roll [NdM]";
    public override string Help => $"Roll dice for the room, for example /roll 2d6 (at most {MaxDice}d{MaxSides}).";

    public override ValueTask ExecuteAsync(CommandContext context)
    {
        var spec = context.Words.FirstOrDefault() ?? "1d6";
        if (!TryParse(spec, out var dice, out var sides))
        {
            context.Reply(new ChatError(ErrorCodes.BadArguments, $"{Usage}, with N up to {MaxDice} and M from 2 to {MaxSides}."));
        }
        else if (context.RequireRoom() is { } room)
        {
            var rolls = Enumerable.Range(0, dice).Select(_ => Random.Shared.Next(1, sides + 1)).ToArray();
            if (context.Chat.Act(context.Session, room, $"rolls {dice}d{sides}: {string.Join(" + ", rolls)} = {rolls.Sum()}") is { } refused)
            {
                context.Reply(refused);
            }
        }

        return ValueTask.CompletedTask;
    }

    private static bool TryParse(string spec, out int dice, out int sides)
    {
        var parts = spec.ToLowerInvariant().Split('d');
        dice = sides = 0;
        return parts.Length == 2
            && int.TryParse(parts[0].Length == 0 ? "1" : parts[0], out dice) && dice is >= 1 and <= MaxDice
            && int.TryParse(parts[1], out sides) && sides is >= 2 and <= MaxSides;
    }
}
