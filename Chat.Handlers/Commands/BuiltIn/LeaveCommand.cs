namespace Chat.Handlers.Commands.BuiltIn;

public sealed class LeaveCommand : ChatCommand
{
    public override string Name => "leave";
    public override string Usage => "/leave [ROOM]";
    public override string Help => "Leave a room (default: the current room).";

    public override ValueTask ExecuteAsync(CommandContext context)
    {
        if (context.RoomOrCurrent(context.Words.FirstOrDefault()) is { } room)
        {
            context.ReplyIfError(context.Chat.Leave(context.Session, room));
        }

        return ValueTask.CompletedTask;
    }
}
