namespace Chat.Handlers.Commands.BuiltIn;

public sealed class JoinCommand : ChatCommand
{
    public override string Name => "join";
    public override string Usage => "/join ROOM";
    public override string Help => "Join a room (created if new) and talk there.";
    public override int MinArguments => 1;

    public override ValueTask ExecuteAsync(CommandContext context)
    {
        context.ReplyIfError(context.Chat.Join(context.Session, context.Words[0]));
        return ValueTask.CompletedTask;
    }
}
