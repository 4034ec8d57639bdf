using Chat.Protocol;

namespace Chat.Handlers.Commands.BuiltIn;

public sealed class RoomsCommand : ChatCommand
{
    public override string Name => "rooms";
    public override string Usage => "/rooms";
    public override string Help => "List the rooms with their member counts and topics.";

    public override ValueTask ExecuteAsync(CommandContext context)
    {
        var rooms = context.Chat.Rooms.Snapshot()
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(r => new RoomInfo(r.Name, r.Members.Length, r.Topic))
            .ToArray();
        context.Reply(new RoomsEvent(rooms));
        return ValueTask.CompletedTask;
    }
}
