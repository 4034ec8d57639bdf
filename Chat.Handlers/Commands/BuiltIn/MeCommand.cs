namespace Chat.Handlers.Commands.BuiltIn;

public sealed class MeCommand : ChatCommand
{
    public override string Name => "me";
    public override string Usage => "/me TEXT";
    public override string Help => "Describe an action, for example /me waves.";
    public override int MinArguments => 1;

    public override ValueTask ExecuteAsync(CommandContext context)
    {
        if (context.RoomOrCurrent(null) is { } room)
        {
            context.Chat.Act(context.Session, room, context.Arguments);
        }

        return ValueTask.CompletedTask;
    }
}
