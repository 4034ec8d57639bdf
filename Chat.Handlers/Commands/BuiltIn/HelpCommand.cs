using Chat.Protocol;

namespace Chat.Handlers.Commands.BuiltIn;

public sealed class HelpCommand : ChatCommand
{
    public override string Name => "help";
    public override string Usage => "/help [COMMAND]";
    public override string Help => "List the commands, or explain one.";
    public override bool AllowedBeforeRegistration => true;

    public override ValueTask ExecuteAsync(CommandContext context)
    {
        IEnumerable<ChatCommand> shown = context.Commands.All;
        if (context.Words.Count > 0)
        {
            var name = context.Words[0].TrimStart('/');
            if (!context.Commands.TryGet(name, out var command))
            {
                context.Reply(new ErrorEvent(ErrorCodes.UnknownCommand, $"Unknown command /{name}. Type /help for the list."));
                return ValueTask.CompletedTask;
            }

            shown = [command];
        }

        context.Reply(new HelpEvent([.. shown.Select(c => new CommandInfo(c.Name, c.Usage, c.Help))]));
        return ValueTask.CompletedTask;
    }
}
