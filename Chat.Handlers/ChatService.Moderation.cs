using System.Security.Cryptography;
using System.Text;
using Chat.Handlers.Events;
using Chat.Handlers.Moderation;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers;

/// <summary>
/// Room ownership and moderation: registering a room, operators, kicks, bans, mutes, voice, invitations and the room's
/// flags, and the checks they make on joining and speaking. Each action is one audit log line.
/// </summary>
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
        await AnnounceModeAsync(session, room, granted ? RoomModes.Op : RoomModes.Deop, account);
        return null;
    }

    /// <summary>An operator removes a member from the room; the room hears it, the member included, before they go.</summary>
    public async ValueTask<ChatError?> KickAsync(ChatSession session, Room room, string name, string? reason)
    {
        if (RequireOperator(session, room) is { } refused)
        {
            return refused;
        }

        if (FindMember(room, name) is not { } target)
        {
            return new ChatError(ErrorCodes.NoSuchUser, name);
        }

        Log.Moderation(logger, session.Account, "kick", room.Name, target.Name, reason);
        await RemoveFromRoomAsync(session, room, target, reason);
        return null;
    }

    /// <summary>
    /// An operator bans a mask (<see cref="BanMask"/>) from the room: members it matches are removed, and it keeps them
    /// out until lifted. Operators are never kept out.
    /// </summary>
    public async ValueTask<ChatError?> BanAsync(ChatSession session, Room room, string maskText, string? reason)
    {
        if (RequireOperator(session, room) is { } refused)
        {
            return refused;
        }

        if (!BanMask.TryParse(maskText, _options.Limits.MaxNameLength, out var mask))
        {
            return new ChatError(ErrorCodes.MaskInvalid, maskText);
        }

        var registration = authority.Find(room.Name)!;
        if (!registration.Bans.Any(b => b.Text == mask.Text) && registration.Bans.Length >= _options.Limits.MaxRoomListEntries)
        {
            return new ChatError(ErrorCodes.ListFull, room.Name, _options.Limits.MaxRoomListEntries);
        }

        registration = await authority.UpdateAsync(room.Name, r => r.Bans.Any(b => b.Text == mask.Text) ? r : r with { Bans = r.Bans.Add(mask) });
        await AnnounceModeAsync(session, room, RoomModes.Ban, mask.Text, reason);
        // Matched first: the members are a span, which cannot be held across a removal's await.
        ChatSession[] banned = [.. room.Members.Where(member =>
            !registration.IsOperator(member.Account) && mask.Matches(member.Name, member.Account, AddressOf(member)))];
        foreach (var member in banned)
        {
            await RemoveFromRoomAsync(session, room, member, reason);
        }

        return null;
    }

    public async ValueTask<ChatError?> UnbanAsync(ChatSession session, Room room, string maskText)
    {
        if (RequireOperator(session, room) is { } refused)
        {
            return refused;
        }

        if (!BanMask.TryParse(maskText, _options.Limits.MaxNameLength, out var mask) || !authority.Find(room.Name)!.Bans.Any(b => b.Text == mask.Text))
        {
            return new ChatError(ErrorCodes.NotBanned, maskText) { Detail = room.Name };
        }

        await authority.UpdateAsync(room.Name, r => r with { Bans = r.Bans.RemoveAll(b => b.Text == mask.Text) });
        await AnnounceModeAsync(session, room, RoomModes.Unban, mask.Text);
        return null;
    }

    /// <summary>
    /// An operator silences a member in the room, for a while (<see cref="MuteDuration"/>) or until unmuted: a member
    /// logged in is muted by account (across names, reconnects and restarts), a guest by name.
    /// </summary>
    public async ValueTask<ChatError?> MuteAsync(ChatSession session, Room room, string name, string? duration)
    {
        if (RequireOperator(session, room) is { } refused)
        {
            return refused;
        }

        if (FindMember(room, name) is not { } target)
        {
            return new ChatError(ErrorCodes.NoSuchUser, name);
        }

        var length = TimeSpan.Zero;
        if (duration is not null && !MuteDuration.TryParse(duration, out length))
        {
            return new ChatError(ErrorCodes.DurationInvalid, duration, (long)MuteDuration.Max.TotalDays);
        }

        var now = time.GetUtcNow();
        var until = duration is null ? DateTimeOffset.MaxValue : now + length;
        var key = target.Account ?? target.Name!;
        var registration = authority.Find(room.Name)!;
        if (!registration.Mutes.ContainsKey(key) && registration.Mutes.Count(m => m.Value > now) >= _options.Limits.MaxRoomListEntries)
        {
            return new ChatError(ErrorCodes.ListFull, room.Name, _options.Limits.MaxRoomListEntries);
        }

        // Expired mutes go as a new one comes: the list holds only what still counts.
        await authority.UpdateAsync(room.Name, r => r with { Mutes = r.Mutes.RemoveRange(r.Mutes.Where(m => m.Value <= now).Select(m => m.Key)).SetItem(key, until) });
        await AnnounceModeAsync(session, room, RoomModes.Mute, target.Name!, until: duration is null ? null : until);
        return null;
    }

    /// <summary>Lifts a mute: <paramref name="name"/> is the name or account it was set on, or a member's name.</summary>
    public async ValueTask<ChatError?> UnmuteAsync(ChatSession session, Room room, string name)
    {
        if (RequireOperator(session, room) is { } refused)
        {
            return refused;
        }

        string[] keys = FindMember(room, name) is { } member ? [name, member.Account ?? name] : [name];
        if (!keys.Any(authority.Find(room.Name)!.Mutes.ContainsKey))
        {
            return new ChatError(ErrorCodes.NotMuted, name) { Detail = room.Name };
        }

        await authority.UpdateAsync(room.Name, r => r with { Mutes = r.Mutes.RemoveRange(keys) });
        await AnnounceModeAsync(session, room, RoomModes.Unmute, name);
        return null;
    }

    /// <summary>An operator lets an account speak in the room while it is moderated (or takes that back).</summary>
    public async ValueTask<ChatError?> SetVoiceAsync(ChatSession session, Room room, string account, bool granted)
    {
        if (RequireOperator(session, room) is { } refused)
        {
            return refused;
        }

        if (!await accounts.ExistsAsync(account))
        {
            return new ChatError(ErrorCodes.NoSuchAccount, account);
        }

        var voiced = authority.Find(room.Name)!.Voiced;
        if (granted && !voiced.Contains(account) && voiced.Count >= _options.Limits.MaxRoomListEntries)
        {
            return new ChatError(ErrorCodes.ListFull, room.Name, _options.Limits.MaxRoomListEntries);
        }

        await authority.UpdateAsync(room.Name, r => r with { Voiced = granted ? r.Voiced.Add(account) : r.Voiced.Remove(account) });
        await AnnounceModeAsync(session, room, granted ? RoomModes.Voice : RoomModes.Devoice, account);
        return null;
    }

    /// <summary>An operator invites a user (on this node) to join once, past invite-only, the key and bans; the room and the user hear it.</summary>
    public async ValueTask<ChatError?> InviteAsync(ChatSession session, Room room, string name)
    {
        if (RequireOperator(session, room) is { } refused)
        {
            return refused;
        }

        if (!users.TryGet(name, out var target))
        {
            return new ChatError(ErrorCodes.NoSuchUser, name);
        }

        if (!authority.Invite(room.Name, target.Name!, _options.Limits.MaxRoomListEntries))
        {
            return new ChatError(ErrorCodes.ListFull, room.Name, _options.Limits.MaxRoomListEntries);
        }

        Log.Moderation(logger, session.Account, RoomModes.Invite, room.Name, target.Name, null);
        await events.PublishAsync(new ChatEvent(new RoomModeEvent(room.Name, session.Name!, RoomModes.Invite, target.Name))
        {
            Rooms = [room.Name], Users = [target.Name!], Origin = session,
        });
        return null;
    }

    /// <summary>An operator sets or clears one of the room's flags (<see cref="RoomModes.Flags"/>); <c>+k</c> takes the key.</summary>
    public async ValueTask<ChatError?> SetModeAsync(ChatSession session, Room room, string mode, string? key)
    {
        if (RequireOperator(session, room) is { } refused)
        {
            return refused;
        }

        if (!RoomModes.Flags.Contains(mode))
        {
            return new ChatError(ErrorCodes.BadArguments, Commands.BuiltInCommands.Usage("mode"));
        }

        if (mode == RoomModes.Keyed && (key is null || key.Length == 0 || key.Length > _options.Limits.MaxRoomKeyLength || key.Any(char.IsWhiteSpace)))
        {
            return new ChatError(ErrorCodes.KeyInvalid, room.Name, _options.Limits.MaxRoomKeyLength);
        }

        await authority.UpdateAsync(room.Name, r => mode switch
        {
            RoomModes.InviteOnly or RoomModes.NotInviteOnly => r with { InviteOnly = mode == RoomModes.InviteOnly },
            RoomModes.Keyed or RoomModes.NotKeyed => r with { Key = mode == RoomModes.Keyed ? key : null },
            RoomModes.Moderated or RoomModes.NotModerated => r with { Moderated = mode == RoomModes.Moderated },
            _ => r with { TopicLocked = mode == RoomModes.TopicLocked },
        });

        // The key stays with the operator who set it: neither the room nor the log hears it.
        await AnnounceModeAsync(session, room, mode, null);
        return null;
    }

    /// <summary>
    /// The members of a room (on every node, as <see cref="IPresence"/> knows them), users on TLS named again in
    /// <see cref="WhoEvent.Secure"/>, its operators in <see cref="WhoEvent.Operators"/> and voiced members in
    /// <see cref="WhoEvent.Voiced"/> (those on this node: an account is known where its session is).
    /// </summary>
    public async ValueTask<WhoEvent> WhoAsync(Room room)
    {
        var who = await presence.WhoAsync(room);
        var registration = authority.Find(room.Name);
        return who with
        {
            Operators = MembersWhere(room, m => registration?.IsOperator(m.Account) == true),
            Voiced = MembersWhere(room, m => m.Account is { } account && registration?.Voiced.Contains(account) == true),
        };
    }

    /// <summary>Why the session may not join the room, if it may not: a ban, invite-only or a wrong key, unless invited; operators always may.</summary>
    private ChatError? CheckEntry(ChatSession session, string roomName, string? key)
    {
        if (authority.Find(roomName) is not { } registration || registration.IsOperator(session.Account)
            || session.Rooms.Any(r => string.Equals(r.Name, roomName, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var refused = registration.Bans.Any(b => b.Matches(session.Name, session.Account, AddressOf(session))) ? new ChatError(ErrorCodes.Banned, registration.Room)
            : registration.InviteOnly ? new ChatError(ErrorCodes.InviteOnly, registration.Room)
            : registration.Key is { } roomKey && !KeysEqual(roomKey, key) ? new ChatError(ErrorCodes.BadKey, registration.Room)
            : null;
        return refused is null || authority.TryTakeInvite(roomName, session.Name!) ? null : refused;
    }

    /// <summary>Why the session may not speak in the room, if it may not: a mute, or a moderated room without voice.</summary>
    private ChatError? CheckSpeech(ChatSession session, Room room)
    {
        if (authority.Find(room.Name) is not { } registration || registration.IsOperator(session.Account))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var until = new[] { session.Account, session.Name }.Where(k => k is not null)
            .Select(k => registration.Mutes.GetValueOrDefault(k!)).Where(u => u > now).DefaultIfEmpty().Max();
        if (until > now)
        {
            return new ChatError(ErrorCodes.Muted, room.Name, until == DateTimeOffset.MaxValue ? null : (long)Math.Ceiling((until - now).TotalSeconds));
        }

        return registration.Moderated && !(session.Account is { } account && registration.Voiced.Contains(account))
            ? new ChatError(ErrorCodes.Moderated, room.Name)
            : null;
    }

    private ChatError? RequireOperator(ChatSession session, Room room) =>
        authority.IsOperator(room.Name, session.Account) ? null : new ChatError(ErrorCodes.NotOperator, room.Name);

    private static ChatSession? FindMember(Room room, string name) =>
        room.Members.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The audit line, then the room hears the change.</summary>
    private async ValueTask AnnounceModeAsync(ChatSession session, Room room, string mode, string? target, string? reason = null, DateTimeOffset? until = null)
    {
        Log.Moderation(logger, session.Account, mode, room.Name, target, reason);
        await events.PublishAsync(ChatEvent.ToRoom(new RoomModeEvent(room.Name, session.Name!, mode, target) { Reason = reason, Until = until }, room.Name, session));
    }

    /// <summary>The room hears that <paramref name="target"/> was removed, the target included, then the target leaves.</summary>
    private async ValueTask RemoveFromRoomAsync(ChatSession session, Room room, ChatSession target, string? reason)
    {
        await events.PublishAsync(ChatEvent.ToRoom(new KickEvent(room.Name, target.Name!, session.Name!, reason), room.Name, session));
        if (rooms.Leave(target, room) && target.CurrentRoom == room)
        {
            target.CurrentRoom = target.Rooms.FirstOrDefault();
            target.Send(new CurrentRoomEvent(target.CurrentRoom?.Name));
        }
    }

    private static string[] MembersWhere(Room room, Func<ChatSession, bool> predicate) =>
        [.. room.Members.Where(predicate).Select(m => m.Name!).Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Compares keys in constant time, so the time taken tells a guesser nothing.</summary>
    private static bool KeysEqual(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
