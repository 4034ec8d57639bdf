using Chat.Protocol;

namespace Chat.Handlers.Commands.BuiltIn;

public sealed class WhoCommand : ChatCommand
{
    public override string Name => "who";
    public override string Usage => "/who [ROOM]";
    public override string Help => "List the members of a room (default: the current room).";

    public override ValueTask ExecuteAsync(CommandContext context)
    {
        if (context.RoomOrCurrent(context.Words.FirstOrDefault()) is { } room)
        {
            var members = room.Members.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToArray();
            context.Reply(new WhoEvent(room.Name, [.. members.Select(m => m.Name!)], [.. members.Where(m => m.IsSecure).Select(m => m.Name!)]));
        }

        return ValueTask.CompletedTask;
    }
}
