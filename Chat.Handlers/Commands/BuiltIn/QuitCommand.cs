using Chat.Protocol;

namespace Chat.Handlers.Commands.BuiltIn;

public sealed class QuitCommand : ChatCommand
{
    public override string Name => "quit";
    public override string Usage => "/quit [REASON]";
    public override string Help => "Leave the chat.";
    public override bool AllowedBeforeRegistration => true;

    public override ValueTask ExecuteAsync(CommandContext context)
    {
        var reason = context.Arguments.Length > 0 ? context.Arguments : "quit";
        context.Session.Close(reason, new InfoEvent("Goodbye!"));
        return ValueTask.CompletedTask;
    }
}
