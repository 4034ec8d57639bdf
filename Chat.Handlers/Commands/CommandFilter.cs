using Chat.Handlers.Pipeline;
using Chat.Handlers.Rooms;
using Chat.Protocol;

namespace Chat.Handlers.Commands;

/// <summary>
/// Runs slash commands from the command table, checking registration and arguments in one place.
/// <c>//text</c> goes on as the literal <c>/text</c>; other lines go on untouched.
/// </summary>
public sealed class CommandFilter(CommandTable commands, ChatService chat) : IChatFilter
{
    public ValueTask InvokeAsync(ChatContext context, ChatDelegate next)
    {
        // A typed message's text is a caption, never a command.
        if (context.Input is not SayMessage { HasPayload: false } say)
        {
            return next(context);
        }

        if (CommandLine.IsEscaped(say.Text))
        {
            context.Input = say with { Text = say.Text[1..] };
            return next(context);
        }

        if (!CommandLine.IsCommand(say.Text))
        {
            return next(context);
        }

        var session = context.Session;
        var (name, arguments) = CommandLine.Parse(say.Text);
        if (!commands.TryGet(name, out var command))
        {
            session.Send(new ErrorEvent(ErrorCodes.UnknownCommand, $"Unknown command /{name}. Type /help for the list."));
            return ValueTask.CompletedTask;
        }

        if (!session.IsRegistered && !command.AllowedBeforeRegistration)
        {
            session.Send(new ErrorEvent(ErrorCodes.NotRegistered, $"Register a name before using /{command.Name}."));
            return ValueTask.CompletedTask;
        }

        Room? room = null;
        if (say.Room is not null)
        {
            room = chat.FindJoinedRoom(session, say.Room, out var error);
            if (error is not null)
            {
                session.Send(error);
                return ValueTask.CompletedTask;
            }
        }

        var commandContext = new CommandContext(session, chat, commands, arguments, room ?? session.CurrentRoom, context.Services);
        if (commandContext.Words.Count < command.MinArguments)
        {
            session.Send(new ErrorEvent(ErrorCodes.BadArguments, $"Usage: {command.Usage}"));
            return ValueTask.CompletedTask;
        }

        return command.ExecuteAsync(commandContext);
    }
}
