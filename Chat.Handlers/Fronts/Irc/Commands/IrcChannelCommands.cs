using System.Globalization;
using System.Text;
using Chat.Handlers.Rooms;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc.Commands;

/// <summary>
/// Channels are the core's rooms, <c>#</c> first: JOIN (with keys), PART, KICK, INVITE, setting a TOPIC and changing
/// modes (<see cref="IrcChannelModes"/>) go to the core; NAMES and LIST ask the core (members and rooms of every node of
/// a cluster), reading modes and topics is answered here from the room registry.
/// </summary>
internal static class IrcChannelCommands
{
    public static async ValueTask JoinAsync(IrcContext context)
    {
        if (context.Parameters[0] == "0")
        {
            foreach (var room in context.Session.Rooms)
            {
                await context.DispatchAsync(new LeaveMessage(room.Name));
            }

            return;
        }

        // Keys pair with the channels in order: JOIN #a,#b keyA,keyB.
        var channels = Channels(context.Parameters[0]);
        var keys = context.Parameters.Count > 1 ? context.Parameters[1].Split(',') : [];
        for (var i = 0; i < channels.Length; i++)
        {
            var channel = channels[i];
            if (!IsChannel(context, channel))
            {
                continue;
            }

            var wasMember = Member(context, channel) is not null;
            await context.DispatchAsync(new JoinMessage(channel) { Key = i < keys.Length && keys[i].Length > 0 ? keys[i] : null });
            if (!wasMember && Member(context, channel) is { } joined)
            {
                await WriteNamesAsync(context, joined);
            }
        }
    }

    public static async ValueTask PartAsync(IrcContext context)
    {
        var reason = context.Parameters.Count > 1 && context.Parameters[1].Length > 0 ? context.Parameters[1] : null;
        foreach (var channel in Channels(context.Parameters[0]))
        {
            if (IsChannel(context, channel))
            {
                await context.DispatchAsync(new LeaveMessage(channel, reason));
            }
        }
    }

    /// <summary>Reading a topic needs no membership; setting one does, and a long one is cut to TOPICLEN as IRC servers do.</summary>
    public static async ValueTask TopicAsync(IrcContext context)
    {
        var channel = context.Parameters[0];
        if (context.Parameters.Count == 1)
        {
            if (Find(context, channel) is { } room)
            {
                var topic = room.Topic is { Length: > 0 } set ? set : null;
                context.Reply(topic is null ? IrcNumerics.RplNoTopic : IrcNumerics.RplTopic, IrcMask.Channel(room.Name), topic ?? "No topic is set");
            }

            return;
        }

        var text = context.Parameters[1];
        var max = context.Server.Limits.MaxTopicLength;
        if (IsChannel(context, channel))
        {
            await context.DispatchAsync(new TopicMessage(channel, text.Length > max ? text[..max] : text));
        }
    }

    public static async ValueTask NamesAsync(IrcContext context)
    {
        if (context.Parameters.Count == 0)
        {
            context.Reply(IrcNumerics.RplEndOfNames, "*", "End of /NAMES list");
            return;
        }

        foreach (var channel in Channels(context.Parameters[0]))
        {
            if (context.Chat.Rooms.TryGet(Handlers.Names.TrimRoomPrefix(channel), out var room))
            {
                await WriteNamesAsync(context, room);
            }
            else
            {
                context.Reply(IrcNumerics.RplEndOfNames, channel, "End of /NAMES list");
            }
        }
    }

    public static async ValueTask ListAsync(IrcContext context)
    {
        var wanted = context.Parameters.Count > 0
            ? Channels(context.Parameters[0]).Select(Handlers.Names.TrimRoomPrefix).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : null;
        var rooms = await context.Chat.ListRoomsAsync();
        context.Reply(IrcNumerics.RplListStart, "Channel", "Users  Name");
        foreach (var room in rooms.Rooms)
        {
            if (wanted is null || wanted.Contains(room.Name))
            {
                context.Reply(IrcNumerics.RplList, IrcMask.Channel(room.Name), room.Members.ToString(CultureInfo.InvariantCulture), room.Topic ?? "");
            }
        }

        context.Reply(IrcNumerics.RplListEnd, "End of /LIST");
    }

    public static async ValueTask ModeAsync(IrcContext context)
    {
        var target = context.Parameters[0];
        if (target.StartsWith('#'))
        {
            if (Find(context, target) is { } room)
            {
                await IrcChannelModes.RunAsync(context, room);
            }
        }
        else
        {
            await UserModeAsync(context, target);
        }
    }

    /// <summary>KICK #channel nick[,nick] [:reason]: the core checks that the kicker is an operator (482) and the nick a member.</summary>
    public static async ValueTask KickAsync(IrcContext context)
    {
        var channel = context.Parameters[0];
        var reason = context.Parameters.Count > 2 && context.Parameters[2].Length > 0 ? context.Parameters[2] : null;
        if (!IsChannel(context, channel))
        {
            return;
        }

        foreach (var nick in context.Parameters[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            await context.DispatchAsync(new KickMessage(nick, reason, channel));
        }
    }

    /// <summary>
    /// INVITE nick #channel: an operator of the channel, in it, invites a user who is not (442, 443, 482 otherwise);
    /// the inviter gets 341, the room and the user the INVITE.
    /// </summary>
    public static async ValueTask InviteAsync(IrcContext context)
    {
        var (nick, channel) = (context.Parameters[0], context.Parameters[1]);
        if (Find(context, channel) is not { } room)
        {
            return;
        }

        var name = IrcMask.Channel(room.Name);
        if (Member(context, channel) is null)
        {
            context.Reply(IrcNumerics.ErrNotOnChannel, name, "You're not on that channel");
        }
        else if (room.Members.Any(m => string.Equals(m.Name, nick, StringComparison.OrdinalIgnoreCase)))
        {
            context.Reply(IrcNumerics.ErrUserOnChannel, nick, name, "is already on channel");
        }
        else
        {
            context.Flush();
            if (await context.Chat.InviteAsync(context.Session, room, nick) is { } refused)
            {
                context.Send(IrcErrors.ToMessage(refused, context.Nick, context.Server.Name));
            }
            else
            {
                context.Reply(IrcNumerics.RplInviting, nick, name);
            }
        }
    }

    /// <summary>
    /// The prefixes of a member: <c>@</c> for an operator, <c>+</c> for voice; both for a client with multi-prefix, the
    /// higher one for others.
    /// </summary>
    internal static string Prefixes(IrcContext context, WhoEvent who, string member)
    {
        var op = who.Operators?.Contains(member, StringComparer.OrdinalIgnoreCase) == true;
        var voiced = who.Voiced?.Contains(member, StringComparer.OrdinalIgnoreCase) == true;
        return (op, voiced) switch
        {
            (true, true) when context.Connection.Capabilities.HasFlag(IrcCapability.MultiPrefix) => "@+",
            (true, _) => "@",
            (false, true) => "+",
            _ => "",
        };
    }

    /// <summary>353 lines of members (with their prefixes), as many as the 512 bytes of a line take, then 366.</summary>
    private static async ValueTask WriteNamesAsync(IrcContext context, Room room)
    {
        var who = await context.Chat.WhoAsync(room);
        var channel = IrcMask.Channel(room.Name);
        // ":server 353 nick = #channel :names"
        var budget = IrcLimits.MaxBodyContentBytes - (context.Server.Name.Length + context.Nick.Length + channel.Length + 12);
        var line = new StringBuilder();
        foreach (var member in who.Members)
        {
            var name = Prefixes(context, who, member) + member;
            if (line.Length > 0 && line.Length + 1 + name.Length > budget)
            {
                context.Reply(IrcNumerics.RplNamReply, "=", channel, line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(name);
        }

        if (line.Length > 0)
        {
            context.Reply(IrcNumerics.RplNamReply, "=", channel, line.ToString());
        }

        context.Reply(IrcNumerics.RplEndOfNames, channel, "End of /NAMES list");
    }

    private static async ValueTask UserModeAsync(IrcContext context, string nick)
    {
        if (!string.Equals(nick, context.Nick, StringComparison.OrdinalIgnoreCase))
        {
            if (await context.Chat.FindUserAsync(nick) is not null)
            {
                context.Reply(IrcNumerics.ErrUsersDontMatch, "Can't change mode for other users");
            }
            else
            {
                context.Reply(IrcNumerics.ErrNoSuchNick, nick, "No such nick/channel");
            }

            return;
        }

        var connection = context.Connection;
        if (context.Parameters.Count == 1)
        {
            context.Reply(IrcNumerics.RplUModeIs, connection.Invisible ? "+i" : "+");
            return;
        }

        var adding = true;
        var before = connection.Invisible;
        var unknown = false;
        foreach (var c in context.Parameters[1])
        {
            switch (c)
            {
                case '+' or '-':
                    adding = c == '+';
                    break;
                case 'i':
                    connection.Invisible = adding;
                    break;
                default:
                    unknown = true;
                    break;
            }
        }

        if (unknown)
        {
            context.Reply(IrcNumerics.ErrUModeUnknownFlag, "Unknown MODE flag");
        }

        if (connection.Invisible != before)
        {
            context.Send(new IrcMessage("MODE", context.Nick, connection.Invisible ? "+i" : "-i") { Prefix = IrcMask.Of(context.Nick) });
        }
    }

    /// <summary>The channels of a comma-separated list, empty entries skipped.</summary>
    private static string[] Channels(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>IRC channel names start with '#' (CHANTYPES=#); anything else gets 403.</summary>
    private static bool IsChannel(IrcContext context, string channel)
    {
        if (channel.StartsWith('#'))
        {
            return true;
        }

        context.Reply(IrcNumerics.ErrNoSuchChannel, channel, "No such channel");
        return false;
    }

    /// <summary>The room a channel names, or null after 403.</summary>
    internal static Room? Find(IrcContext context, string channel)
    {
        if (channel.StartsWith('#') && context.Chat.Rooms.TryGet(channel[1..], out var room))
        {
            return room;
        }

        context.Reply(IrcNumerics.ErrNoSuchChannel, channel, "No such channel");
        return null;
    }

    /// <summary>The room a channel names, if the user is in it.</summary>
    internal static Room? Member(IrcContext context, string channel) =>
        context.Session.Rooms.FirstOrDefault(r => string.Equals(IrcMask.Channel(r.Name), channel, StringComparison.OrdinalIgnoreCase));
}
