using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc.Commands;

/// <summary>
/// Questions about users and the server (WHO, WHOIS, ISON, USERHOST, MOTD, LUSERS, VERSION, HELP) and AWAY.
/// Users of every front answer: a text or JSON user's real name is their nick, and only IRC users can be away.
/// </summary>
internal static class IrcQueryCommands
{
    /// <summary>WHO #channel lists its members, WHO nick that user; masks are not matched, so anything else lists nobody.</summary>
    public static ValueTask Who(IrcContext context)
    {
        var mask = context.Parameters.Count > 0 ? context.Parameters[0] : "*";
        if (mask.StartsWith('#'))
        {
            if (context.Chat.Rooms.TryGet(mask[1..], out var room))
            {
                foreach (var member in room.Members)
                {
                    WhoReply(context, IrcMask.Channel(room.Name), member, context.Connection.Authority.IsOperator(room.Name, member.Account));
                }
            }
        }
        else if (context.Chat.Users.TryGet(mask, out var user))
        {
            WhoReply(context, "*", user, isOperator: false);
        }

        context.Reply(IrcNumerics.RplEndOfWho, mask, "End of WHO list");
        return ValueTask.CompletedTask;
    }

    /// <summary>WHOIS [server] nick.</summary>
    public static ValueTask Whois(IrcContext context)
    {
        var nick = context.Parameters[^1].Split(',')[0];
        if (!context.Chat.Users.TryGet(nick, out var user))
        {
            context.Reply(IrcNumerics.ErrNoSuchNick, nick, "No such nick/channel");
            context.Reply(IrcNumerics.RplEndOfWhois, nick, "End of /WHOIS list");
            return ValueTask.CompletedTask;
        }

        var name = user.Name!;
        var irc = IrcConnection.Of(user);
        context.Reply(IrcNumerics.RplWhoisUser, name, name, IrcMask.Host, "*", irc?.RealName ?? name);
        if (!user.Rooms.IsEmpty)
        {
            context.Reply(IrcNumerics.RplWhoisChannels, name, string.Join(' ', user.Rooms.Select(r => IrcMask.Channel(r.Name))));
        }

        context.Reply(IrcNumerics.RplWhoisServer, name, context.Server.Name, context.Server.Network);
        if (irc?.Away is { } away)
        {
            context.Reply(IrcNumerics.RplAway, name, away);
        }

        if (user.IsSecure)
        {
            context.Reply(IrcNumerics.RplWhoisSecure, name, "is using a secure connection");
        }

        context.Reply(IrcNumerics.RplEndOfWhois, name, "End of /WHOIS list");
        return ValueTask.CompletedTask;
    }

    public static ValueTask IsOn(IrcContext context)
    {
        var online = context.Parameters
            .SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(nick => context.Chat.Users.TryGet(nick, out var user) ? user.Name : null)
            .OfType<string>();
        context.Reply(IrcNumerics.RplIsOn, string.Join(' ', online));
        return ValueTask.CompletedTask;
    }

    /// <summary>Up to five nicks: <c>nick=+user@host</c>, '-' for away.</summary>
    public static ValueTask UserHost(IrcContext context)
    {
        var replies = context.Parameters.Take(5)
            .Select(nick => context.Chat.Users.TryGet(nick, out var user) ? user : null)
            .OfType<ChatSession>()
            .Select(user => $"{user.Name}={(IrcConnection.Of(user)?.Away is null ? '+' : '-')}{user.Name}@{IrcMask.Host}");
        context.Reply(IrcNumerics.RplUserHost, string.Join(' ', replies));
        return ValueTask.CompletedTask;
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
    private static void WhoReply(IrcContext context, string channel, ChatSession user, bool isOperator)
    {
        var name = user.Name!;
        var irc = IrcConnection.Of(user);
        context.Reply(IrcNumerics.RplWhoReply, channel, name, IrcMask.Host, context.Server.Name, name,
            (irc?.Away is null ? "H" : "G") + (isOperator ? "@" : ""), $"0 {irc?.RealName ?? name}");
    }
}
