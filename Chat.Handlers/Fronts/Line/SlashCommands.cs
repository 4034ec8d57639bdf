using System.Globalization;
using Chat.Handlers.Commands;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Line;

/// <summary>
/// The slash syntax, the one place it is parsed: <c>/join dev</c> becomes a <see cref="JoinMessage"/>, a name the
/// built-ins do not have a <see cref="CommandMessage"/> for the command table, and <c>//text</c> the chat line
/// <c>/text</c>. A command's single argument is the whole rest of the line, so <c>/nick bad name</c> is refused
/// by the name rules rather than cut to <c>bad</c>.
/// </summary>
public static class SlashCommands
{
    public static bool IsCommand(string text) => text.Length > 1 && text[0] == '/' && text[1] != '/';

    /// <summary>A chat line as typed: a command, or chat (with a leading <c>//</c> unescaped).</summary>
    /// <param name="room">The room a JSON line names, where a command acts unless it names its own.</param>
    /// <returns>The command, or null with <paramref name="error"/> (the usage line) when a built-in lacks its arguments.</returns>
    public static ClientMessage? Parse(string text, string? room, out ChatError? error)
    {
        error = null;
        if (!IsCommand(text))
        {
            return new SayMessage(text.StartsWith("//", StringComparison.Ordinal) ? text[1..] : text, room);
        }

        var (name, args) = Split(text.AsSpan(1));
        var (first, rest) = Split(args.AsSpan());
        var lowerName = name.ToLowerInvariant();
        var message = lowerName switch
        {
            "help" => new HelpMessage(args.Length > 0 ? args : null),
            "who" => new WhoMessage(args.Length > 0 ? args : room),
            "rooms" => new RoomsMessage(),
            "join" when first.Length > 0 && !rest.Any(char.IsWhiteSpace) => new JoinMessage(first) { Key = rest.Length > 0 ? rest : null },
            "leave" => new LeaveMessage(first.Length > 0 ? first : room, rest.Length > 0 ? rest : null),
            "switch" when args.Length > 0 => new SwitchMessage(args),
            "topic" when first.StartsWith('#') => new TopicMessage(first, rest.Length > 0 ? rest : null),
            "topic" => new TopicMessage(room, args.Length > 0 ? args : null),
            "msg" when rest.Length > 0 => new SayMessage(rest) { To = first },
            "me" when args.Length > 0 => new ActionMessage(args, room),
            "nick" when args.Length > 0 => new NickMessage(args),
            "history" => ParseHistory(args, room),
            "quit" => new QuitMessage(args.Length > 0 ? args : null),
            "register" when args.Length > 0 => new RegisterMessage(args),
            "login" when rest.Length > 0 => new LoginMessage(first, rest),
            "password" when rest.Length > 0 => new PasswordMessage(first, rest),
            "room" when first.Equals("register", StringComparison.OrdinalIgnoreCase) => new RoomRegisterMessage(rest.Length > 0 ? rest : room),
            "op" when first.Length > 0 => new OpMessage(first, rest.Length > 0 ? rest : room),
            "deop" when first.Length > 0 => new DeopMessage(first, rest.Length > 0 ? rest : room),
            "kick" when first.Length > 0 => new KickMessage(first, rest.Length > 0 ? rest : null, room),
            "ban" when first.Length > 0 => new BanMessage(first, rest.Length > 0 ? rest : null, room),
            "unban" when args.Length > 0 => new UnbanMessage(args, room),
            "mute" when first.Length > 0 => new MuteMessage(first, rest.Length > 0 ? rest : null, room),
            "unmute" when args.Length > 0 => new UnmuteMessage(args, room),
            "voice" when first.Length > 0 => new VoiceMessage(first, rest.Length > 0 ? rest : room),
            "devoice" when first.Length > 0 => new DevoiceMessage(first, rest.Length > 0 ? rest : room),
            "invite" when first.Length > 0 => new InviteMessage(first, rest.Length > 0 ? rest : room),
            "mode" => ParseMode(args, room),
            "kill" when first.Length > 0 => new KillMessage(first, rest.Length > 0 ? rest : null),
            "gban" when first.Length > 0 => new ServerBanMessage(first, rest.Length > 0 ? rest : null),
            "ungban" when args.Length > 0 => new ServerUnbanMessage(args),
            "announce" when args.Length > 0 => new AnnounceMessage(args),
            "join" or "switch" or "msg" or "me" or "nick" or "register" or "login" or "password" or "room" or "op" or "deop" or "kick" or "history"
                or "ban" or "unban" or "mute" or "unmute" or "voice" or "devoice" or "invite" or "kill" or "gban" or "ungban" or "announce" => null,
            _ => (ClientMessage)new CommandMessage(name, args, room),
        };

        if (message is null)
        {
            error = new ChatError(ErrorCodes.BadArguments, BuiltInCommands.Usage(lowerName));
        }

        return message;
    }

    /// <summary><c>[#ROOM] FLAG [KEY]</c>: the flag one of <see cref="RoomModes.Flags"/>, the key only after <c>+k</c>.</summary>
    private static ModeMessage? ParseMode(string args, string? room)
    {
        var words = args.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var next = 0;
        if (next < words.Length && words[next].StartsWith('#'))
        {
            room = words[next++];
        }

        return (words.Length - next) switch
        {
            1 when RoomModes.Flags.Contains(words[next]) => new ModeMessage(words[next], room),
            2 when words[next] == RoomModes.Keyed => new ModeMessage(words[next], room) { Key = words[next + 1] },
            _ => null,
        };
    }

    /// <summary>
    /// <c>[#ROOM|ACCOUNT] [before ID] [N]</c>, each part optional but in that order; null when anything else is there.
    /// An account (a word that is neither a room, <c>before</c> nor a number) asks for the direct messages with it.
    /// </summary>
    private static HistoryMessage? ParseHistory(string args, string? room)
    {
        var words = args.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var next = 0;
        string? with = null;
        if (next < words.Length && words[next].StartsWith('#'))
        {
            room = words[next++];
        }
        else if (next < words.Length && !words[next].Equals("before", StringComparison.OrdinalIgnoreCase) && !words[next].All(char.IsAsciiDigit))
        {
            with = words[next++];
        }

        long? before = null;
        if (next < words.Length && words[next].Equals("before", StringComparison.OrdinalIgnoreCase))
        {
            if (next + 1 == words.Length || !long.TryParse(words[next + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return null;
            }

            before = id;
            next += 2;
        }

        int? limit = null;
        if (next < words.Length && int.TryParse(words[next], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            limit = count;
            next++;
        }

        return next == words.Length ? new HistoryMessage(with is null ? room : null, before, limit) { With = with } : null;
    }

    /// <summary>The first word and the trimmed rest.</summary>
    private static (string Head, string Tail) Split(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        var space = text.IndexOfAny(' ', '\t');
        return space < 0 ? (text.ToString(), "") : (text[..space].ToString(), text[(space + 1)..].Trim().ToString());
    }
}
