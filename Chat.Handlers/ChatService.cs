using Chat.Handlers.Accounts;
using Chat.Handlers.Commands;
using Chat.Handlers.Events;
using Chat.Handlers.History;
using Chat.Handlers.Moderation;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Chat.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers;

/// <summary>
/// The chat core's operations, used by filters and commands alike: names, rooms and messages. It decides, and
/// reports what happened as typed events: replies go to the session, everything others hear goes through the
/// <see cref="IEventStream"/>. It knows nothing of transports or wire formats, and builds no sentence.
/// </summary>
public sealed partial class ChatService(
    RoomRegistry rooms, UserDirectory users, INameClaims names, IPresence presence, CommandTable commands, IEventStream events,
    AccountService accounts, RoomAuthority authority, ServerAuthority server, ChatHistory history, TimeProvider time, IOptions<ChatOptions> options,
    ILogger<ChatService> logger)
{
    private readonly ChatOptions _options = options.Value;
    private readonly HashSet<string> _reserved = ReservedNames(options.Value);

    public RoomRegistry Rooms => rooms;

    public UserDirectory Users => users;

    public ChatOptions Options => _options;

    /// <summary>
    /// Registers a name; with a password, logged in to the account of that name (a guest holding it is renamed). The
    /// user lands in the default room unless <paramref name="enterDefaultRoom"/> is false (IRC users join their own).
    /// </summary>
    public async ValueTask<ChatError?> RegisterAsync(ChatSession session, string name, string? password = null, bool enterDefaultRoom = true)
    {
        if (session.IsRegistered)
        {
            return new ChatError(ErrorCodes.AlreadyRegistered, session.Name);
        }

        if (CheckName(name) is { } invalid)
        {
            return invalid with { Retry = true };
        }

        string? account = null;
        if (password is not null)
        {
            (var refused, account) = await AuthenticateAsync(session, name, password);
            if (refused is not null)
            {
                return refused;
            }

            name = account!;
        }
        else if (session.AuthenticatedAccount is { } authenticated)
        {
            (account, name) = (authenticated, authenticated);
        }

        if (RefuseServerBanned(session, name, account))
        {
            return null;
        }

        // The claim first: across nodes it is the one that decides; this node's directory then always agrees.
        if ((await ClaimAsync(name) ?? (users.TryRegister(session, name) ? null : Taken(name))) is { } claimRefused)
        {
            return claimRefused with { Retry = account is null };
        }

        session.Account = account;
        Log.Registered(logger, name);
        session.Send(new WelcomeEvent(name, rooms.DefaultRoom.Name, _options.ServerName));
        if (account is not null)
        {
            session.Send(new AccountEvent(account, AccountStatus.LoggedIn));
        }
        else
        {
            await RequireLoginIfAccountAsync(session);
        }

        return enterDefaultRoom ? await EnterAsync(session, rooms.DefaultRoom.Name) : null;
    }

    public async ValueTask<ChatError?> RenameAsync(ChatSession session, string newName)
    {
        if (CheckName(newName) is { } invalid)
        {
            return invalid;
        }

        if (server.FindBan(newName, null, null) is not null)
        {
            return new ChatError(ErrorCodes.ServerBanned, newName);
        }

        if (await MoveAsync(session, newName) is { } refused)
        {
            return refused;
        }

        await RequireLoginIfAccountAsync(session);
        return null;
    }

    /// <summary>Changes a session's name and tells everyone who shares a room with it; or why it cannot.</summary>
    private async ValueTask<ChatError?> MoveAsync(ChatSession session, string newName)
    {
        var oldName = session.Name!;
        // A change of case keeps the claim the name already has.
        var caseOnly = string.Equals(oldName, newName, StringComparison.OrdinalIgnoreCase);
        if (!caseOnly && await ClaimAsync(newName) is { } refused)
        {
            return refused;
        }

        if (!users.TryRename(session, newName))
        {
            return Taken(newName);
        }

        Log.Renamed(logger, oldName, newName);
        await events.PublishAsync(new ChatEvent(new NickEvent(oldName, newName)) { Rooms = RoomNames(session.Rooms), Users = [newName], Origin = session });
        if (!caseOnly)
        {
            await names.ReleaseAsync(oldName);
        }

        return null;
    }

    /// <summary>Joins (creating the room if needed) and makes it the current room; <paramref name="key"/> opens a keyed room.</summary>
    public ValueTask<ChatError?> JoinAsync(ChatSession session, string roomName, string? key = null)
    {
        roomName = Names.TrimRoomPrefix(roomName);
        return Names.IsValid(roomName, _options.Limits.MaxRoomNameLength)
            ? EnterAsync(session, roomName, key)
            : ValueTask.FromResult<ChatError?>(new ChatError(ErrorCodes.RoomInvalid, roomName, _options.Limits.MaxRoomNameLength));
    }

    /// <summary>
    /// Joins a room by a name already known to be valid (configured rooms skip the length rule), if its rules let the
    /// session in: the joiner hears of it, then gets the topic and the room's last messages.
    /// </summary>
    private async ValueTask<ChatError?> EnterAsync(ChatSession session, string roomName, string? key = null)
    {
        if (CheckEntry(session, roomName, key) is { } refused)
        {
            return refused;
        }

        var outcome = rooms.Join(session, roomName, out var room);
        switch (outcome)
        {
            case JoinOutcome.TooManyRooms:
                return new ChatError(ErrorCodes.TooManyRooms, roomName, session.Rooms.Length);
            case JoinOutcome.AlreadyMember:
                session.CurrentRoom = room;
                session.Send(new CurrentRoomEvent(room.Name));
                return null;
        }

        session.CurrentRoom = room;
        // Read once a member: what is stored by now was delivered before (or reaches the joiner live as well, in the
        // instant between a commit and its delivery); whatever comes later reaches the joiner live. No gap.
        var scrollback = await history.OnJoinAsync(room, outcome == JoinOutcome.Created);
        var join = new JoinEvent(room.Name, session.Name!);
        await events.PublishAsync(Announces(room.Members.Length)
            ? ChatEvent.ToRoom(join, room.Name, session)
            : new ChatEvent(join) { Users = [session.Name!], Origin = session });
        if (room.Topic is not null)
        {
            session.Send(new TopicEvent(room.Name, room.Topic));
        }

        if (scrollback is not null)
        {
            session.Send(scrollback);
        }

        return null;
    }

    public async ValueTask<ChatError?> LeaveAsync(ChatSession session, Room room, string? reason = null)
    {
        if (!rooms.Leave(session, room))
        {
            return NotInRoom(room.Name);
        }

        await events.PublishAsync(new ChatEvent(new LeaveEvent(room.Name, session.Name!, reason))
        {
            Rooms = Announces(room.Members.Length + 1) ? [room.Name] : [], Users = [session.Name!], Origin = session,
        });
        if (session.CurrentRoom == room)
        {
            session.CurrentRoom = session.Rooms.FirstOrDefault();
            session.Send(new CurrentRoomEvent(session.CurrentRoom?.Name));
        }

        return null;
    }

    /// <summary>
    /// The user quits: the connection closes after a goodbye, and everyone who shared a room hears the user's own
    /// reason, or none (the connection's own reason, "quit", is for the log).
    /// </summary>
    public ValueTask QuitAsync(ChatSession session, string? reason)
    {
        session.Close(CloseReasons.Quit, new GoodbyeEvent());
        return DisconnectAsync(session, reason);
    }

    /// <summary>Ends a session's presence, once: leaves every room and tells each user who shared one.</summary>
    public ValueTask DisconnectAsync(ChatSession session, string? reason) => DisconnectAsync(session, new QuitEvent(session.Name!, reason), []);

    /// <summary>Ends a session's presence, once: every user who shared a room, and <paramref name="alsoTell"/>, get <paramref name="notice"/>.</summary>
    private async ValueTask DisconnectAsync(ChatSession session, ServerEvent notice, IReadOnlyList<string> alsoTell)
    {
        if (!users.Holds(session))
        {
            return;
        }

        // The name is freed only once the notice is out, so "bob quit" always comes before a new "bob joined".
        CancelLoginDeadline(session);
        var left = rooms.LeaveAll(session);
        // Published even when no room hears it: a stream that keeps presence beyond this node drops the quitter from
        // the quiet rooms too (ChatEvent.QuietRooms), and a cluster frees the name with the notice.
        var announced = left.ToLookup(room => Announces(room.Members.Length + 1), room => room.Name);
        await events.PublishAsync(new ChatEvent(notice)
        {
            Rooms = [.. announced[true]], QuietRooms = [.. announced[false]], Users = alsoTell, Departed = session.Name,
        });
        users.Remove(session);
        await names.ReleaseAsync(session.Name!);
    }

    /// <summary>
    /// Says something in a room, unless its rules keep the session quiet there; a notice stays a notice for IRC. Like
    /// every message of the session's own, it is on its way when this returns, and the session's read loop, the only
    /// caller, confirms it (<see cref="ChatSession.Publishing"/>).
    /// </summary>
    public ChatError? Say(ChatSession session, Room room, string text, Payload? payload = null, bool notice = false)
    {
        if (CheckSpeech(session, room) is { } refused)
        {
            return refused;
        }

        PublishOwn(session, new ChatEvent(WithPayload(new MessageEvent(0, default, session.Name!, text, Room: room.Name) { Notice = notice }, payload))
        {
            Rooms = [room.Name], Origin = session, IsEcho = true,
        }, text.Length + (payload?.Data.Length ?? 0));
        return null;
    }

    /// <summary>
    /// An action in a room, unless its rules keep the session quiet there; <paramref name="typed"/> when the user typed it
    /// (<c>/me</c>), not when a command acts for them.
    /// </summary>
    public ChatError? Act(ChatSession session, Room room, string text, bool typed = false)
    {
        if (CheckSpeech(session, room) is { } refused)
        {
            return refused;
        }

        PublishOwn(session, new ChatEvent(new ActionEvent(0, default, room.Name, session.Name!, text))
        {
            Rooms = [room.Name], Origin = session, IsEcho = typed,
        }, text.Length);
        return null;
    }

    /// <summary>
    /// Publishes a message of the session's own without waiting for its delivery (<see cref="ChatSession"/>, remarks): the
    /// read loop confirms it before it reads on.
    /// </summary>
    private void PublishOwn(ChatSession session, ChatEvent message, int chars)
    {
        var ticket = session.NextTicket(chars);
        ValueTask publishing;
        try
        {
            publishing = events.PublishAsync(message with { Ticket = ticket });
        }
        catch (Exception exception)
        {
            // A stream that throws at once must not leave the ticket, and the replies behind it, waiting for good.
            publishing = ValueTask.FromException(exception);
        }

        session.Publishing(publishing, ticket);
    }

    /// <summary>
    /// A user's name as registered, on this node or another of the cluster; null when nobody has it. Users of this node
    /// are found without asking the claims.
    /// </summary>
    public async ValueTask<string?> FindUserAsync(string name) => users.TryGet(name, out var local) ? local.Name : await names.FindAsync(name);

    public async ValueTask<ChatError?> SendDirectAsync(ChatSession session, string targetName, string text, Payload? payload = null, bool notice = false)
    {
        if (await FindUserAsync(targetName) is not { } target)
        {
            return Names.IsValid(targetName, _options.Limits.MaxNameLength)
                ? new ChatError(ErrorCodes.NoSuchUser, targetName)
                : new ChatError(ErrorCodes.NameInvalid, targetName, _options.Limits.MaxNameLength);
        }

        var message = WithPayload(new MessageEvent(0, default, session.Name!, text, To: target) { Notice = notice }, payload);
        // Between two accounts (the other one on this node, where its account is known) the message is kept for both.
        var conversation = session.Account is { } from && users.TryGet(target, out var local) && local.Account is { } to
            ? new DirectConversation(from, to)
            : null;
        PublishOwn(session, new ChatEvent(message) { Users = [target, session.Name!], Origin = session, IsEcho = true, Conversation = conversation }, text.Length + (payload?.Data.Length ?? 0));
        return null;
    }

    public async ValueTask<ChatError?> SetTopicAsync(ChatSession session, Room room, string topic)
    {
        if (!session.Rooms.Contains(room))
        {
            return NotInRoom(room.Name);
        }

        if (authority.Find(room.Name) is { TopicLocked: true } locked && !locked.IsOperator(session.Account))
        {
            return new ChatError(ErrorCodes.TopicLocked, room.Name);
        }

        if (topic.Length > _options.Limits.MaxTopicLength)
        {
            return new ChatError(ErrorCodes.TopicTooLong, room.Name, _options.Limits.MaxTopicLength);
        }

        if (topic == room.Topic)
        {
            // Nothing changes: the setter hears the topic, the room hears nothing.
            session.Send(new TopicEvent(room.Name, topic));
            return null;
        }

        room.Topic = topic;
        await events.PublishAsync(ChatEvent.ToRoom(new TopicEvent(room.Name, topic, session.Name), room.Name, session));
        return null;
    }

    /// <summary>A page of a room's history (<see cref="HistoryEvent"/>), or why not; the room is one the session is in.</summary>
    public ValueTask<ServerEvent> HistoryAsync(Room room, long? before, int? limit) => history.PageAsync(room, before, limit);

    /// <summary>A page of the direct messages between the session's account and the account <paramref name="with"/>; accounts only.</summary>
    public async ValueTask<ServerEvent> DirectHistoryAsync(ChatSession session, string with, long? before, int? limit)
    {
        if (session.Account is not { } account)
        {
            return new ChatError(ErrorCodes.NotLoggedIn);
        }

        return await accounts.ExistsAsync(with)
            ? await history.ConversationPageAsync(new DirectConversation(account, with), with, before, limit)
            : new ChatError(ErrorCodes.NoSuchAccount, with);
    }

    public ValueTask<RoomsEvent> ListRoomsAsync() => presence.ListRoomsAsync();

    /// <summary>Every command, or the one named.</summary>
    public ServerEvent Help(string? command)
    {
        if (command is null)
        {
            return new HelpEvent(commands.All);
        }

        var name = command.TrimStart('/');
        return commands.Find(name) is { } info ? new HelpEvent([info]) : new ChatError(ErrorCodes.UnknownCommand, name);
    }

    /// <summary>The room a command names ('#dev' or 'dev'), which the session must be in; the current room when none is named.</summary>
    public Room? ResolveRoom(ChatSession session, string? named, out ChatError? error)
    {
        error = null;
        if (named is null)
        {
            if (session.CurrentRoom is null)
            {
                error = NotInRoom(null);
            }

            return session.CurrentRoom;
        }

        var roomName = Names.TrimRoomPrefix(named);
        var room = session.Rooms.FirstOrDefault(r => string.Equals(r.Name, roomName, StringComparison.OrdinalIgnoreCase));
        error = room is not null ? null
            : Names.IsValid(roomName, _options.Limits.MaxRoomNameLength) ? NotInRoom(roomName)
            : new ChatError(ErrorCodes.RoomInvalid, roomName, _options.Limits.MaxRoomNameLength);
        return room;
    }

    /// <summary>
    /// Whether arrivals and departures in a room of <paramref name="members"/> (the one coming or going included) are
    /// told to everyone in it. Above <see cref="ChatLimits.AnnounceJoinsUpTo"/> only the one coming or going hears:
    /// 10,000 joins would otherwise be 50 million notices (docs/PROTOCOL.md).
    /// </summary>
    private bool Announces(int members) => members <= _options.Limits.AnnounceJoinsUpTo;

    private static MessageEvent WithPayload(MessageEvent message, Payload? payload) => payload is null
        ? message
        : message with { ContentType = payload.ContentType, Name = payload.Name, Data = payload.Data, Size = payload.Size };

    private ChatError? CheckName(string name) =>
        !Names.IsValid(name, _options.Limits.MaxNameLength) ? new ChatError(ErrorCodes.NameInvalid, name, _options.Limits.MaxNameLength)
        : _reserved.Contains(Plain(name)) ? new ChatError(ErrorCodes.NameInvalid, name) { Detail = ChatError.Reserved }
        : null;

    /// <summary>The reserved names and the server's, compared as <see cref="Plain"/> forms: <c>Nick_Serv</c> is <c>nickserv</c>.</summary>
    private static HashSet<string> ReservedNames(ChatOptions options) => new(
        (options.ReservedNames ?? ChatOptions.DefaultReservedNames).Append(options.ServerName).Select(Plain).Where(plain => plain.Length > 0),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>A name's letters and digits only, so punctuation cannot make a look-alike.</summary>
    private static string Plain(string name) => string.Concat(name.Where(char.IsAsciiLetterOrDigit));

    private static ChatError NotInRoom(string? room) => new(ErrorCodes.NotInRoom, room);

    private static ChatError Taken(string name) => new(ErrorCodes.NameTaken, name);

    private async ValueTask<ChatError?> ClaimAsync(string name) => await names.ClaimAsync(name) switch
    {
        NameClaim.Claimed => null,
        NameClaim.Taken => Taken(name),
        _ => new ChatError(ErrorCodes.NamesUnavailable, name),
    };

    private static string[] RoomNames(IReadOnlyList<Room> list) => [.. list.Select(r => r.Name)];
}
