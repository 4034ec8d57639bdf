namespace Chat.Handlers.Commands.BuiltIn;

public sealed class MsgCommand : ChatCommand
{
    public override string Name => "msg";
    public override string Usage => "/msg NAME TEXT";
    public override string Help => "Send a private message to one user.";
    public override int MinArguments => 2;

    public override ValueTask ExecuteAsync(CommandContext context)
    {
        context.ReplyIfError(context.Chat.SendDirect(context.Session, context.Words[0], context.Rest(1)));
        return ValueTask.CompletedTask;
    }
}
