using System.Text;
using Chat.Handlers.Rooms;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc.Commands;

/// <summary>
/// Channel modes: <c>MODE #channel</c> reads them (324), <c>MODE #channel b</c> lists the bans (367, 368), and a mode
/// string changes them as IRC clients send it, several at once (<c>+im-t</c>, <c>+ov alice bob</c>), each change one
/// command of the core, which checks the rights (482) and tells the room. Operators (<c>o</c>) and voice (<c>v</c>)
/// name accounts, which logged-in users hold as their nick.
/// </summary>
internal static class IrcChannelModes
{
    /// <summary>The channel modes, for 004: the lists, the key, the prefixes and the flags.</summary>
    public const string All = "bikmnortv";

    /// <summary>CHANMODES: bans are a list, the key always takes a parameter, the rest are flags (n and r are the server's).</summary>
    public const string Types = "b,k,,imnrt";

    public static async ValueTask RunAsync(IrcContext context, Room room)
    {
        var name = IrcMask.Channel(room.Name);
        var parameters = context.Parameters;
        var registration = context.Connection.Authority.Find(room.Name);
        if (parameters.Count == 1)
        {
            var showKey = registration?.IsOperator(context.Session.Account) == true;
            context.Reply(IrcNumerics.RplChannelModeIs, [name, .. Flags(registration, showKey)]);
            return;
        }

        var adding = true;
        var next = 2;
        foreach (var mode in parameters[1])
        {
            var argument = mode is 'b' or 'o' or 'v' or 'k' && next < parameters.Count ? parameters[next++] : null;
            ClientMessage? change = (mode, argument) switch
            {
                ('+' or '-', _) => null,
                ('b', null) => null,
                ('b', _) => adding ? new BanMessage(FromIrcMask(argument), Room: name) : new UnbanMessage(FromIrcMask(argument), name),
                ('o', { } nick) => adding ? new OpMessage(nick, name) : new DeopMessage(nick, name),
                ('v', { } nick) => adding ? new VoiceMessage(nick, name) : new DevoiceMessage(nick, name),
                // -k takes the key in classic IRC (CHANMODES type B); it is not needed to clear it.
                ('k', _) when !adding => new ModeMessage(RoomModes.NotKeyed, name),
                ('k', { } key) => new ModeMessage(RoomModes.Keyed, name) { Key = key },
                ('i' or 'm' or 't', _) => new ModeMessage((adding ? "+" : "-") + mode, name),
                _ => null,
            };

            if (change is not null)
            {
                await context.DispatchAsync(change);
            }
            else if (mode is '+' or '-')
            {
                adding = mode == '+';
            }
            else if (mode == 'b')
            {
                WriteBans(context, registration, name);
            }
            else if (mode is 'o' or 'v' or 'k')
            {
                context.Reply(IrcNumerics.ErrNeedMoreParams, "MODE", "Not enough parameters");
            }
            else
            {
                context.Reply(IrcNumerics.ErrUnknownMode, mode.ToString(), "is unknown mode char to me");
            }
        }
    }

    /// <summary>
    /// The flags of 324, the key after them for an operator (a <c>*</c> for anyone else): <c>n</c> always (only
    /// members talk), <c>r</c> for a room registered to an owner, then the rules its operators set.
    /// </summary>
    public static string[] Flags(RoomRegistration? registration, bool showKey)
    {
        var flags = new StringBuilder("+n");
        if (registration is null)
        {
            return [flags.ToString()];
        }

        flags.Append('r');
        flags.Append(registration.InviteOnly ? "i" : "").Append(registration.Moderated ? "m" : "").Append(registration.TopicLocked ? "t" : "");
        if (registration.Key is not { } key)
        {
            return [flags.ToString()];
        }

        return [flags.Append('k').ToString(), showKey ? key : "*"];
    }

    /// <summary>367 for each ban, as ChatApp spells it (the spelling <c>-b</c> takes back), then 368.</summary>
    private static void WriteBans(IrcContext context, RoomRegistration? registration, string channel)
    {
        foreach (var ban in registration?.Bans ?? [])
        {
            context.Reply(IrcNumerics.RplBanList, channel, ban.Text);
        }

        context.Reply(IrcNumerics.RplEndOfBanList, channel, "End of channel ban list");
    }

    /// <summary>
    /// An IRC ban mask as ChatApp's (<see cref="Moderation.BanMask"/>): <c>bob!*@*</c> bans the name bob, <c>*!*@203.0.113.7</c>
    /// the address. Every user's host shows as the same fixed name, so a mask on that host is left as it is, and refused.
    /// </summary>
    internal static string FromIrcMask(string mask)
    {
        var bang = mask.IndexOf('!');
        var at = mask.LastIndexOf('@');
        if (bang < 0 && at < 0)
        {
            return mask;
        }

        var nick = mask[..(bang >= 0 ? bang : at)];
        var host = at >= 0 ? mask[(at + 1)..] : "*";
        return nick.Trim('*').Length > 0 ? nick
            : host.Trim('*').Length > 0 && !string.Equals(host, IrcMask.Host, StringComparison.OrdinalIgnoreCase) ? host
            : mask;
    }
}
