using Chat.Protocol;

namespace Chat.Client.Bots;

/// <summary>A message that is a bot command: <c>!roll 2d6</c> has <see cref="Name"/> <c>roll</c> and <see cref="Arguments"/> <c>2d6</c>.</summary>
public sealed class BotCommand(ChatBot bot, MessageEvent message, string name, string arguments) : BotMessage(bot, message)
{
    /// <summary>Lower case, without the prefix.</summary>
    public string Name { get; } = name;

    /// <summary>Everything after the name, trimmed.</summary>
    public string Arguments { get; } = arguments;

    public IReadOnlyList<string> Words { get; } = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Splits <c>!name args</c>; false unless the text is the prefix directly followed by a command name.</summary>
    public static bool TryParse(string text, string prefix, out string name, out string arguments)
    {
        name = arguments = "";
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text.AsSpan(prefix.Length);
        var end = rest.IndexOfAny(' ', '\t');
        var word = end < 0 ? rest : rest[..end];
        if (word.IsEmpty || word.ContainsAnyExcept(CommandNameCharacters))
        {
            return false;
        }

        name = word.ToString().ToLowerInvariant();
        arguments = end < 0 ? "" : rest[end..].Trim().ToString();
        return true;
    }

    private static readonly System.Buffers.SearchValues<char> CommandNameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
}
