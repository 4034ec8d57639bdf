using Chat.Protocol;

namespace Chat.Handlers.Commands.BuiltIn;

public sealed class SwitchCommand : ChatCommand
{
    public override string Name => "switch";
    public override string Usage => "/switch ROOM";
    public override string Help => "Send your plain lines to another room you are in.";
    public override int MinArguments => 1;

    public override ValueTask ExecuteAsync(CommandContext context)
    {
        if (context.RoomOrCurrent(context.Words[0]) is { } room)
        {
            context.Session.CurrentRoom = room;
            context.Reply(new InfoEvent($"You are now talking in #{room.Name}.", room.Name));
        }

        return ValueTask.CompletedTask;
    }
}
