using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc.Commands;

/// <summary>
/// PRIVMSG and NOTICE to channels and nicks, each target a core message (a notice stays a notice for IRC recipients).
/// CTCP ACTION is <c>/me</c>; CTCP VERSION, PING and CLIENTINFO are answered by the server, for users of every front.
/// A NOTICE never gets an automatic reply, not even an error, as IRC requires.
/// </summary>
internal static class IrcMessagingCommands
{
    public static ValueTask PrivmsgAsync(IrcContext context) => SendAsync(context, notice: false);

    public static ValueTask NoticeAsync(IrcContext context) => SendAsync(context, notice: true);

    /// <summary>Tags only (typing notifications): nothing carries client tags to other users yet, so they go nowhere.</summary>
    public static ValueTask Tagmsg(IrcContext context) => ValueTask.CompletedTask;

    private static async ValueTask SendAsync(IrcContext context, bool notice)
    {
        var parameters = context.Parameters;
        if (parameters.Count == 0 || parameters[0].Length == 0)
        {
            ReplyUnlessNotice(context, notice, IrcNumerics.ErrNoRecipient, $"No recipient given ({context.Message.Command})");
            return;
        }

        if (parameters.Count < 2 || parameters[1].Length == 0)
        {
            ReplyUnlessNotice(context, notice, IrcNumerics.ErrNoTextToSend, "No text to send");
            return;
        }

        var targets = parameters[0].Split(',', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < targets.Length; i++)
        {
            if (i == IrcServer.MaxTargets)
            {
                ReplyUnlessNotice(context, notice, IrcNumerics.ErrTooManyTargets, targets[i], "Too many recipients");
                return;
            }

            await SendToAsync(context, targets[i], parameters[1], notice);
        }
    }

    private static async ValueTask SendToAsync(IrcContext context, string target, string text, bool notice)
    {
        var toChannel = target.StartsWith('#');
        if (toChannel ? !CanSendToChannel(context, target, notice) : !await UserExistsAsync(context, target, notice))
        {
            return;
        }

        if (IrcCtcp.TryParse(text, out var ctcp, out var arguments))
        {
            if (ctcp == IrcCtcp.Action)
            {
                // The core has actions in rooms only: in a query /me comes as a line of its own.
                await context.DispatchAsync(toChannel
                    ? new ActionMessage(arguments, target)
                    : new SayMessage($"* {context.Nick} {arguments}") { To = target, Notice = notice });
            }
            else if (!notice)
            {
                AnswerCtcp(context, ctcp, arguments);
            }

            return;
        }

        // Away is known of this node's IRC users.
        if (!toChannel && !notice && context.Chat.Users.TryGet(target, out var user) && IrcConnection.Of(user) is { Away: { } away })
        {
            context.Reply(IrcNumerics.RplAway, user.Name!, away);
        }

        await context.DispatchAsync(toChannel
            ? new SayMessage(text, target) { Notice = notice }
            : new SayMessage(text) { To = target, Notice = notice });
    }

    /// <summary>Only members talk in a room (+n): 403 for a channel that does not exist, 404 for one the user is not in.</summary>
    private static bool CanSendToChannel(IrcContext context, string channel, bool notice)
    {
        if (IrcChannelCommands.Member(context, channel) is not null)
        {
            return true;
        }

        var exists = context.Chat.Rooms.TryGet(channel[1..], out _);
        ReplyUnlessNotice(context, notice, exists ? IrcNumerics.ErrCannotSendToChan : IrcNumerics.ErrNoSuchChannel, channel,
            exists ? "Cannot send to channel" : "No such channel");
        return false;
    }

    /// <summary>Whether the nick is online on any node; 401 if not (a CTCP to nobody gets no answer from the server).</summary>
    private static async ValueTask<bool> UserExistsAsync(IrcContext context, string nick, bool notice)
    {
        if (await context.Chat.FindUserAsync(nick) is not null)
        {
            return true;
        }

        ReplyUnlessNotice(context, notice, IrcNumerics.ErrNoSuchNick, nick, "No such nick/channel");
        return false;
    }

    /// <summary>Users of other fronts cannot answer CTCP, so the server does for everyone, as a NOTICE from itself.</summary>
    private static void AnswerCtcp(IrcContext context, string ctcp, string arguments)
    {
        var answer = ctcp switch
        {
            IrcCtcp.Version => context.Server.Version,
            IrcCtcp.Ping => arguments,
            "CLIENTINFO" => "ACTION CLIENTINFO PING VERSION",
            _ => null,
        };

        if (answer is not null)
        {
            context.Send(context.Server.Reply("NOTICE", context.Nick, IrcCtcp.Create(ctcp, answer)));
        }
    }

    private static void ReplyUnlessNotice(IrcContext context, bool notice, string numeric, params ReadOnlySpan<string> parameters)
    {
        if (!notice)
        {
            context.Reply(numeric, parameters);
        }
    }
}
