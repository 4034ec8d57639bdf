using Chat.Protocol;

namespace Chat.Handlers.Pipeline;

/// <summary>
/// Registers names from <see cref="HelloMessage"/> and keeps everything else of an unregistered session out, but
/// help, quit, pong, login (which registers) and custom commands (the command table decides which of those work before registration).
/// </summary>
public sealed class RegistrationFilter(ChatService chat) : IChatFilter
{
    public async ValueTask InvokeAsync(ChatContext context, ChatDelegate next)
    {
        var session = context.Session;
        switch (context.Input)
        {
            case HelloMessage hello:
                if (await chat.RegisterAsync(session, hello.Name, hello.Password) is { } error)
                {
                    session.Send(error);
                }

                return;
            case HelpMessage or QuitMessage or PongMessage or CommandMessage or LoginMessage:
                await next(context);
                return;
            case var _ when !session.IsRegistered:
                session.Send(new ChatError(ErrorCodes.NotRegistered));
                return;
            default:
                await next(context);
                return;
        }
    }
}
