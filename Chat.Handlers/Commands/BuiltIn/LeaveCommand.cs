namespace Chat.Handlers.Commands.BuiltIn;

public sealed class LeaveCommand : ChatCommand
{
    public override string Name => "leave";
    public override string Usage => "/leave [ROOM] [REASON]";
    public override string Help => "Leave a room (default: the current room), saying why if you like.";

    public override ValueTask ExecuteAsync(CommandContext context)
    {
        if (context.RoomOrCurrent(context.Words.FirstOrDefault()) is { } room)
        {
            context.ReplyIfError(context.Chat.Leave(context.Session, room, context.Rest(1) is { Length: > 0 } reason ? reason : null));
        }

        return ValueTask.CompletedTask;
    }
}
