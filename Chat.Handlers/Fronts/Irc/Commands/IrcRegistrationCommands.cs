using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc.Commands;

/// <summary>
/// The registration dialogue (CAP, PASS, NICK, USER) and the commands of the connection itself (PING, PONG, QUIT).
/// Registration completes with a <see cref="HelloMessage"/> to the core once NICK and USER are in and capability
/// negotiation, if the client started one, has ended.
/// </summary>
internal static class IrcRegistrationCommands
{
    public static async ValueTask CapAsync(IrcContext context)
    {
        var connection = context.Connection;
        var subcommand = context.Parameters[0].ToUpperInvariant();
        switch (subcommand)
        {
            case "LS":
                connection.BeginCapabilityNegotiation();
                var values = context.Parameters.Count > 1 && int.TryParse(context.Parameters[1], out var version) && version >= 302;
                context.Send(Cap(context, "LS", values ? context.Server.Capabilities.OfferedWithValues : context.Server.Capabilities.Offered));
                break;
            case "LIST":
                context.Send(Cap(context, "LIST", IrcCapabilities.Names(connection.Capabilities)));
                break;
            case "REQ":
                connection.BeginCapabilityNegotiation();
                var request = context.Parameters.Count > 1 ? context.Parameters[1] : "";
                context.Send(Cap(context, connection.RequestCapabilities(request) ? "ACK" : "NAK", request));
                break;
            case "END":
                await connection.EndCapabilityNegotiationAsync(context);
                break;
            default:
                context.Reply(IrcNumerics.ErrInvalidCapCmd, subcommand, "Invalid CAP command");
                break;
        }
    }

    public static ValueTask Pass(IrcContext context)
    {
        if (context.Session.IsRegistered)
        {
            context.Reply(IrcNumerics.ErrAlreadyRegistered, "You may not reregister");
        }
        else
        {
            context.Connection.SetPassword(context.Parameters[0]);
        }

        return ValueTask.CompletedTask;
    }

    public static async ValueTask NickAsync(IrcContext context)
    {
        var nick = context.Parameters.Count > 0 ? context.Parameters[0] : "";
        var limits = context.Server.Limits;
        if (nick.Length == 0)
        {
            context.Reply(IrcNumerics.ErrNoNicknameGiven, "No nickname given");
        }
        else if (context.Session.IsRegistered)
        {
            // The core checks and answers (432, 433) and tells everyone who shares a room.
            if (nick != context.Session.Name)
            {
                await context.DispatchAsync(new NickMessage(nick));
            }
        }
        else if (!Names.IsValid(nick, limits.MaxNameLength))
        {
            context.Send(IrcErrors.ToMessage(new ChatError(ErrorCodes.NameInvalid, nick, limits.MaxNameLength), "*", context.Server.Name));
        }
        else if (await context.Chat.FindUserAsync(nick) is not null)
        {
            context.Reply(IrcNumerics.ErrNicknameInUse, nick, "Nickname is already in use");
        }
        else
        {
            await context.Connection.SetNickAsync(context, nick);
        }
    }

    public static ValueTask UserAsync(IrcContext context)
    {
        if (context.Session.IsRegistered)
        {
            context.Reply(IrcNumerics.ErrAlreadyRegistered, "You may not reregister");
            return ValueTask.CompletedTask;
        }

        return context.Connection.SetUserAsync(context, context.Parameters[0], ContentSanitizer.Sanitize(context.Parameters[3]));
    }

    public static ValueTask Ping(IrcContext context)
    {
        context.Send(context.Server.Reply("PONG", context.Server.Name, context.Parameters[0]));
        return ValueTask.CompletedTask;
    }

    /// <summary>Any line shows the client is alive (the connection watchdog), a PONG included; nothing more to do.</summary>
    public static ValueTask Pong(IrcContext context) => ValueTask.CompletedTask;

    public static ValueTask QuitAsync(IrcContext context) =>
        context.DispatchAsync(new QuitMessage(context.Parameters.Count > 0 ? context.Parameters[0] : null));

    private static IrcMessage Cap(IrcContext context, string subcommand, string capabilities) =>
        context.Server.Reply("CAP", context.Nick, subcommand, capabilities);
}
