using Chat.Protocol;

namespace Chat.Handlers.Pipeline;

/// <summary>
/// The last filter: a line of chat goes to its room (the JSON <c>room</c> field, else the current room), or
/// to one user when it has a <c>to</c>. A payload goes along only once the payload filter has checked it.
/// </summary>
public sealed class BroadcastFilter(ChatService chat) : IChatFilter
{
    public async ValueTask InvokeAsync(ChatContext context, ChatDelegate next)
    {
        if (context.Input is not SayMessage say)
        {
            await next(context);
            return;
        }

        var session = context.Session;
        if (say.HasPayload && context.Payload is null)
        {
            session.Send(new ChatError(ErrorCodes.BadRequest, "payload"));
            return;
        }

        if (say.To is not null)
        {
            if (await chat.SendDirectAsync(session, say.To, say.Text, context.Payload, say.Notice) is { } error)
            {
                session.Send(error);
            }
        }
        else if ((chat.ResolveRoom(session, say.Room, out var notInRoom) is { } room ? chat.Say(session, room, say.Text, context.Payload, say.Notice) : notInRoom)
            is { } refused)
        {
            session.Send(refused);
        }
    }
}
