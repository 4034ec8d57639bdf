using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc.Commands;

/// <summary>
/// Questions about users and the server (WHO, WHOIS, ISON, USERHOST, MOTD, LUSERS, VERSION, HELP) and AWAY.
/// Users of every front answer: a text or JSON user's real name is their nick, and only IRC users can be away.
/// </summary>
internal static class IrcQueryCommands
{
    /// <summary>
    /// WHO #channel lists its members, WHO nick that user; masks are not matched, so anything else lists nobody. Users on
    /// other nodes of a cluster are listed too, with what the names tell: here, and their nick as real name.
    /// </summary>
    public static async ValueTask WhoAsync(IrcContext context)
    {
        var mask = context.Parameters.Count > 0 ? context.Parameters[0] : "*";
        if (mask.StartsWith('#'))
        {
            if (context.Chat.Rooms.TryGet(mask[1..], out var room))
            {
                var who = await context.Chat.WhoAsync(room);
                foreach (var member in who.Members)
                {
                    WhoReply(context, IrcMask.Channel(room.Name), member, IrcChannelCommands.Prefixes(context, who, member));
                }
            }
        }
        else if (await context.Chat.FindUserAsync(mask) is { } user)
        {
            WhoReply(context, "*", user, prefixes: "");
        }

        context.Reply(IrcNumerics.RplEndOfWho, mask, "End of WHO list");
    }

    /// <summary>WHOIS [server] nick. Channels, away and TLS are known of this node's users; of others, the name alone.</summary>
    public static async ValueTask WhoisAsync(IrcContext context)
    {
        var nick = context.Parameters[^1].Split(',')[0];
        if (await context.Chat.FindUserAsync(nick) is not { } name)
        {
            context.Reply(IrcNumerics.ErrNoSuchNick, nick, "No such nick/channel");
            context.Reply(IrcNumerics.RplEndOfWhois, nick, "End of /WHOIS list");
            return;
        }

        var user = context.Chat.Users.TryGet(name, out var local) ? local : null;
        var irc = user is null ? null : IrcConnection.Of(user);
        context.Reply(IrcNumerics.RplWhoisUser, name, name, IrcMask.Host, "*", irc?.RealName ?? name);
        if (user is { Rooms.IsEmpty: false })
        {
            context.Reply(IrcNumerics.RplWhoisChannels, name, string.Join(' ', user.Rooms.Select(r => IrcMask.Channel(r.Name))));
        }

        context.Reply(IrcNumerics.RplWhoisServer, name, context.Server.Name, context.Server.Network);
        if (irc?.Away is { } away)
        {
            context.Reply(IrcNumerics.RplAway, name, away);
        }

        if (user?.IsSecure == true)
        {
            context.Reply(IrcNumerics.RplWhoisSecure, name, "is using a secure connection");
        }

        context.Reply(IrcNumerics.RplEndOfWhois, name, "End of /WHOIS list");
    }

    /// <summary>The nicks online, as they are spelled; at most as many as one 512-byte line holds.</summary>
    public static async ValueTask IsOnAsync(IrcContext context)
    {
        var online = new List<string>();
        foreach (var nick in context.Parameters.SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (await context.Chat.FindUserAsync(nick) is { } name)
            {
                online.Add(name);
            }
        }

        context.Reply(IrcNumerics.RplIsOn, string.Join(' ', online));
    }

    /// <summary>Up to five nicks: <c>nick=+user@host</c>, '-' for away (known of this node's users).</summary>
    public static async ValueTask UserHostAsync(IrcContext context)
    {
        var replies = new List<string>();
        foreach (var nick in context.Parameters.Take(5))
        {
            if (await context.Chat.FindUserAsync(nick) is { } name)
            {
                var away = context.Chat.Users.TryGet(name, out var user) && IrcConnection.Of(user)?.Away is not null;
                replies.Add($"{name}={(away ? '-' : '+')}{name}@{IrcMask.Host}");
            }
        }

        context.Reply(IrcNumerics.RplUserHost, string.Join(' ', replies));
    }

    public static ValueTask Away(IrcContext context)
    {
        var message = context.Parameters.Count > 0 ? ContentSanitizer.SanitizeChat(context.Parameters[0]) : "";
        var max = IrcServer.AwayLength;
        context.Connection.Away = message.Length == 0 ? null : message.Length > max ? message[..max] : message;
        context.Reply(message.Length == 0 ? IrcNumerics.RplUnAway : IrcNumerics.RplNowAway,
            message.Length == 0 ? "You are no longer marked as being away" : "You have been marked as being away");
        return ValueTask.CompletedTask;
    }

    public static ValueTask Motd(IrcContext context)
    {
        foreach (var line in context.Server.Motd(context.Nick))
        {
            context.Send(line);
        }

        return ValueTask.CompletedTask;
    }

    public static ValueTask Lusers(IrcContext context)
    {
        foreach (var line in context.Server.Lusers(context.Nick, context.Chat.Users.Count, context.Chat.Rooms.Snapshot().Count))
        {
            context.Send(line);
        }

        return ValueTask.CompletedTask;
    }

    public static ValueTask Version(IrcContext context)
    {
        context.Reply(IrcNumerics.RplVersion, context.Server.Version, context.Server.Name, "ChatApp IRC front");
        return ValueTask.CompletedTask;
    }

    /// <summary>The core's command list (custom commands too: an IRC client sends them as they are, ROLL 2d6).</summary>
    public static ValueTask HelpAsync(IrcContext context) =>
        context.DispatchAsync(new HelpMessage(context.Parameters.Count > 0 ? context.Parameters[0] : null));

    /// <summary>352: channel, user, host, server, nick, H (here) or G (gone) and @ for an operator, hop count and real name.</summary>
    private static void WhoReply(IrcContext context, string channel, string name, string prefixes)
    {
        var irc = context.Chat.Users.TryGet(name, out var user) ? IrcConnection.Of(user) : null;
        context.Reply(IrcNumerics.RplWhoReply, channel, name, IrcMask.Host, context.Server.Name, name,
            (irc?.Away is null ? "H" : "G") + prefixes, $"0 {irc?.RealName ?? name}");
    }
}
