using System.Net;
using Chat.Handlers.Events;
using Chat.Handlers.Moderation;
using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers;

/// <summary>
/// Server operators (<c>Chat:Operators</c>, logged in): killing a connection, server bans, announcements. Each action
/// is one audit log line. They act on the users of this node.
/// </summary>
public sealed partial class ChatService
{
    /// <summary>Disconnects a user: they, and everyone who shared a room with them, hear who did it and why.</summary>
    public async ValueTask<ChatError?> KillAsync(ChatSession session, string name, string? reason)
    {
        if (RequireServerOperator(session) is { } refused)
        {
            return refused;
        }

        if (!users.TryGet(name, out var target))
        {
            return new ChatError(ErrorCodes.NoSuchUser, name);
        }

        Log.ServerModeration(logger, session.Account!, "kill", target.Name!, reason);
        await RemoveFromServerAsync(session, target, CloseReasons.Killed, reason);
        return null;
    }

    /// <summary>Bans a mask (<see cref="BanMask"/>) from the server: users it matches are disconnected, and it keeps them out.</summary>
    public async ValueTask<ChatError?> ServerBanAsync(ChatSession session, string maskText, string? reason)
    {
        if (RequireServerOperator(session) is { } refused)
        {
            return refused;
        }

        if (!BanMask.TryParse(maskText, _options.Limits.MaxNameLength, out var mask))
        {
            return new ChatError(ErrorCodes.MaskInvalid, maskText);
        }

        if (server.Bans.Length >= _options.Limits.MaxRoomListEntries)
        {
            return new ChatError(ErrorCodes.ListFull, null, _options.Limits.MaxRoomListEntries);
        }

        await server.AddBanAsync(mask);
        Log.ServerModeration(logger, session.Account!, "gban", mask.Text, reason);
        session.Send(new ServerBanEvent(mask.Text, session.Name!) { Reason = reason });
        foreach (var user in users.Sessions.ToArray())
        {
            if (!server.IsOperator(user.Account) && mask.Matches(user.Name, user.Account, AddressOf(user)))
            {
                await RemoveFromServerAsync(session, user, CloseReasons.ServerBanned, reason);
            }
        }

        return null;
    }

    public async ValueTask<ChatError?> ServerUnbanAsync(ChatSession session, string maskText)
    {
        if (RequireServerOperator(session) is { } refused)
        {
            return refused;
        }

        if (!BanMask.TryParse(maskText, _options.Limits.MaxNameLength, out var mask) || !await server.RemoveBanAsync(mask))
        {
            return new ChatError(ErrorCodes.NotBanned, maskText);
        }

        Log.ServerModeration(logger, session.Account!, "ungban", mask.Text, null);
        session.Send(new ServerBanEvent(mask.Text, session.Name!, Lifted: true));
        return null;
    }

    /// <summary>Tells every user of this node something, the operator included.</summary>
    public async ValueTask<ChatError?> AnnounceAsync(ChatSession session, string text)
    {
        if (RequireServerOperator(session) is { } refused)
        {
            return refused;
        }

        Log.ServerModeration(logger, session.Account!, "announce", null, text);
        await events.PublishAsync(new ChatEvent(new AnnouncementEvent(session.Name!, text))
        {
            Users = [.. users.Sessions.Select(u => u.Name!)], Origin = session,
        });
        return null;
    }

    /// <summary>
    /// A server ban that matches a session registering (or logging in) closes it, with the reason; server operators are
    /// never kept out.
    /// </summary>
    private bool RefuseServerBanned(ChatSession session, string name, string? account)
    {
        if (server.IsOperator(account) || server.FindBan(name, account, AddressOf(session)) is not { } ban)
        {
            return false;
        }

        Log.ServerBanRefused(logger, name, ban.Text);
        session.Close(CloseReasons.ServerBanned, new ChatError(ErrorCodes.ServerBanned, name));
        return true;
    }

    private ChatError? RequireServerOperator(ChatSession session) =>
        server.IsOperator(session.Account) ? null : new ChatError(ErrorCodes.NotServerOperator);

    /// <summary>The target hears it as its last line; the operator and everyone who shared a room hear it too.</summary>
    private async ValueTask RemoveFromServerAsync(ChatSession session, ChatSession target, string closeReason, string? reason)
    {
        var notice = new KillEvent(target.Name!, session.Name!, reason);
        target.Close(closeReason, notice);
        await DisconnectAsync(target, notice, [session.Name!]);
    }

    private static IPAddress? AddressOf(ChatSession session) => (session.RemoteEndPoint as IPEndPoint)?.Address;
}
