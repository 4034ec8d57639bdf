using Chat.Protocol;

namespace Chat.Handlers.Pipeline;

/// <summary>
/// The last filter: a line of chat goes to its room (the JSON <c>room</c> field, else the current room), or
/// to one user when it has a <c>to</c>. A payload goes along only once the payload filter has checked it.
/// </summary>
public sealed class BroadcastFilter(ChatService chat) : IChatFilter
{
    public ValueTask InvokeAsync(ChatContext context, ChatDelegate next)
    {
        if (context.Input is not SayMessage say)
        {
            return next(context);
        }

        var session = context.Session;
        if (say.HasPayload && context.Payload is null)
        {
            session.Send(new ErrorEvent(ErrorCodes.BadRequest, "Typed messages are not enabled on this server."));
            return ValueTask.CompletedTask;
        }

        if (say.To is not null)
        {
            if (chat.SendDirect(session, say.To, say.Text, context.Payload) is { } error)
            {
                session.Send(error);
            }

            return ValueTask.CompletedTask;
        }

        ErrorEvent? notInRoom = null;
        var room = say.Room is null ? session.CurrentRoom : chat.FindJoinedRoom(session, say.Room, out notInRoom);
        if (room is null)
        {
            session.Send(notInRoom ?? new ErrorEvent(ErrorCodes.NotInRoom, "You are in no room; /join one to talk."));
        }
        else
        {
            chat.Say(session, room, say.Text, context.Payload);
        }

        return ValueTask.CompletedTask;
    }
}
