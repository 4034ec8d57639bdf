using Chat.Protocol;

namespace Chat.Handlers.Pipeline;

/// <summary>The last filter: a line of chat goes to its room (the JSON <c>room</c> field, else the current room).</summary>
public sealed class BroadcastFilter(ChatService chat) : IChatFilter
{
    public ValueTask InvokeAsync(ChatContext context, ChatDelegate next)
    {
        if (context.Input is not SayMessage say)
        {
            return next(context);
        }

        var session = context.Session;
        var room = say.Room is null ? session.CurrentRoom : chat.FindJoinedRoom(session, say.Room, out _);
        if (room is null)
        {
            session.Send(new ErrorEvent(ErrorCodes.NotInRoom,
                say.Room is null ? "You are in no room; /join one to talk." : $"You are not in #{say.Room}."));
        }
        else
        {
            chat.Say(session, room, say.Text);
        }

        return ValueTask.CompletedTask;
    }
}
