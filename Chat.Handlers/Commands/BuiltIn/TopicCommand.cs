using Chat.Protocol;

namespace Chat.Handlers.Commands.BuiltIn;

public sealed class TopicCommand : ChatCommand
{
    public override string Name => "topic";
    public override string Usage => "/topic [#ROOM] [TEXT]";
    public override string Help => "Show a room's topic, or set it (a room is named with '#').";

    public override ValueTask ExecuteAsync(CommandContext context)
    {
        var namesRoom = context.Words.Count > 0 && context.Words[0].StartsWith('#');
        if (context.RoomOrCurrent(namesRoom ? context.Words[0] : null) is not { } room)
        {
            return ValueTask.CompletedTask;
        }

        var text = context.Rest(namesRoom ? 1 : 0);
        if (text.Length == 0)
        {
            context.Reply(new TopicEvent(room.Name, room.Topic));
        }
        else
        {
            context.ReplyIfError(context.Chat.SetTopic(context.Session, room, text));
        }

        return ValueTask.CompletedTask;
    }
}
