using Chat.Protocol;

namespace Chat.Client.Bots;

/// <summary><c>!seen NAME</c>: when and doing what a user was last seen in the bot's rooms.</summary>
public static class SeenBot
{
    public const string DefaultName = "seenbot";

    public static ChatBot AddSeen(this ChatBot bot, TimeProvider? time = null)
    {
        var tracker = new SeenTracker(time ?? bot.ClientOptions.TimeProvider);
        return bot
            .OnEvent<ServerEvent>(tracker.Observe)
            .OnCommand("seen", "NAME - when NAME was last seen, and doing what", command =>
                command.Reply(command.Words is [var name, ..]
                    ? tracker.Describe(name.TrimStart('@'), command.From)
                    : $"Whom? Try {bot.Options.CommandPrefix}seen NAME."));
    }
}
