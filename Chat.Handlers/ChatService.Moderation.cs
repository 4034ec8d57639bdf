using Chat.Handlers.Events;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers;

/// <summary>Room ownership and moderation: registering a room, operators, kicks. Each action is one audit log line.</summary>
public sealed partial class ChatService
{
    public async ValueTask<ChatError?> RegisterRoomAsync(ChatSession session, Room room)
    {
        if (session.Account is not { } account)
        {
            return new ChatError(ErrorCodes.NotLoggedIn);
        }

        if (!await authority.TryRegisterAsync(room.Name, account))
        {
            return new ChatError(ErrorCodes.RoomRegistered, room.Name) { Detail = authority.Find(room.Name)?.Owner };
        }

        Log.Moderation(logger, account, RoomModes.Registered, room.Name, account, null);
        await events.PublishAsync(ChatEvent.ToRoom(new RoomModeEvent(room.Name, session.Name!, RoomModes.Registered, account), room.Name, session));
        return null;
    }

    /// <summary>The owner grants or revokes operator rights; operators are accounts, online or not.</summary>
    public async ValueTask<ChatError?> SetOperatorAsync(ChatSession session, Room room, string account, bool granted)
    {
        if (authority.Find(room.Name) is not { } registration
            || !string.Equals(registration.Owner, session.Account, StringComparison.OrdinalIgnoreCase))
        {
            return new ChatError(ErrorCodes.NotOwner, room.Name);
        }

        if (!await accounts.ExistsAsync(account))
        {
            return new ChatError(ErrorCodes.NoSuchAccount, account);
        }

        await authority.SetOperatorAsync(room.Name, account, granted);
        var mode = granted ? RoomModes.Op : RoomModes.Deop;
        Log.Moderation(logger, session.Account, mode, room.Name, account, null);
        await events.PublishAsync(ChatEvent.ToRoom(new RoomModeEvent(room.Name, session.Name!, mode, account), room.Name, session));
        return null;
    }

    /// <summary>An operator removes a member from the room; the room hears it, the member included, before they go.</summary>
    public async ValueTask<ChatError?> KickAsync(ChatSession session, Room room, string name, string? reason)
    {
        if (!authority.IsOperator(room.Name, session.Account))
        {
            return new ChatError(ErrorCodes.NotOperator, room.Name);
        }

        var target = room.Members.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
        if (target is null)
        {
            return new ChatError(ErrorCodes.NoSuchUser, name);
        }

        Log.Moderation(logger, session.Account, "kick", room.Name, target.Name, reason);
        await events.PublishAsync(ChatEvent.ToRoom(new KickEvent(room.Name, target.Name!, session.Name!, reason), room.Name, session));
        if (rooms.Leave(target, room) && target.CurrentRoom == room)
        {
            target.CurrentRoom = target.Rooms.FirstOrDefault();
            target.Send(new CurrentRoomEvent(target.CurrentRoom?.Name));
        }

        return null;
    }

    /// <summary>
    /// The members of a room (on every node, as <see cref="IPresence"/> knows them), users on TLS named again in
    /// <see cref="WhoEvent.Secure"/>, its operators in <see cref="WhoEvent.Operators"/> (those on this node: an
    /// account is known where its session is).
    /// </summary>
    public async ValueTask<WhoEvent> WhoAsync(Room room)
    {
        var who = await presence.WhoAsync(room);
        var registration = authority.Find(room.Name);
        return who with
        {
            Operators = [.. room.Members.Where(m => registration?.IsOperator(m.Account) == true).Select(m => m.Name!).Order(StringComparer.OrdinalIgnoreCase)],
        };
    }
}
