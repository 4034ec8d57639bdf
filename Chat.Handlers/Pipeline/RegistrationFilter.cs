using Chat.Handlers.Commands;
using Chat.Protocol;

namespace Chat.Handlers.Pipeline;

/// <summary>
/// Registers names from <c>hello</c> and keeps chat from unregistered sessions out of the rooms. Slash
/// commands pass on: the command table decides which of them work before registration.
/// </summary>
public sealed class RegistrationFilter(ChatService chat) : IChatFilter
{
    public ValueTask InvokeAsync(ChatContext context, ChatDelegate next)
    {
        var session = context.Session;
        var error = context.Input switch
        {
            HelloMessage hello => chat.Register(session, hello.Name),
            SayMessage say when !session.IsRegistered && !CommandLine.IsCommand(say.Text) =>
                new ErrorEvent(ErrorCodes.NotRegistered, "Register a name first."),
            _ => null,
        };

        if (error is not null)
        {
            session.Send(error);
        }

        return context.Input is HelloMessage || error is not null ? ValueTask.CompletedTask : next(context);
    }
}
