using Chat.Protocol;

namespace Chat.Client.Bots;

/// <summary>A chat message someone else sent where the bot can see it: in one of its rooms, or privately to it.</summary>
public class BotMessage(ChatBot bot, MessageEvent message)
{
    public ChatBot Bot { get; } = bot;

    public MessageEvent Message { get; } = message;

    public string From => Message.From;

    public string Text => Message.Text;

    /// <summary>The room it was said in; null for a private message.</summary>
    public string? Room => Message.Room;

    public bool IsPrivate => Message.To is not null;

    /// <summary>Answers where the message came from: the same room, or privately for a private message.</summary>
    public void Reply(string text)
    {
        if (IsPrivate)
        {
            Bot.SendPrivate(From, text);
        }
        else
        {
            Bot.Say(text, Room);
        }
    }

    public void ReplyPrivately(string text) => Bot.SendPrivate(From, text);
}
