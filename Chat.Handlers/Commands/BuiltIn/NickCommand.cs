namespace Chat.Handlers.Commands.BuiltIn;

public sealed class NickCommand : ChatCommand
{
    public override string Name => "nick";
    public override string Usage => "/nick NEW";
    public override string Help => "Change your name.";
    public override int MinArguments => 1;

    public override ValueTask ExecuteAsync(CommandContext context)
    {
        context.ReplyIfError(context.Chat.Rename(context.Session, context.Words[0]));
        return ValueTask.CompletedTask;
    }
}
