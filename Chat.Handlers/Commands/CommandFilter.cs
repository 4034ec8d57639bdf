using Chat.Handlers.Fronts;
using Chat.Handlers.Pipeline;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers.Commands;

/// <summary>
/// Runs typed commands against the core: the built-ins by type, a <see cref="CommandMessage"/> from the command table
/// with its registration and argument checks, a front's own <see cref="FrontCommand"/> by running it. Chat lines
/// (<see cref="SayMessage"/>) and anything it does not know go on.
/// </summary>
public sealed class CommandFilter(CommandTable commands, ChatService chat) : IChatFilter
{
    public async ValueTask InvokeAsync(ChatContext context, ChatDelegate next)
    {
        var session = context.Session;
        ServerEvent? reply = null;
        ChatError? error;
        switch (context.Input)
        {
            case JoinMessage join:
                reply = await chat.JoinAsync(session, join.Room, join.Key);
                break;
            case LeaveMessage leave:
                reply = chat.ResolveRoom(session, leave.Room, out error) is { } left
                    ? await chat.LeaveAsync(session, left, leave.Reason)
                    : error;
                break;
            case SwitchMessage change:
                if (chat.ResolveRoom(session, change.Room, out error) is { } room)
                {
                    session.CurrentRoom = room;
                    reply = new CurrentRoomEvent(room.Name);
                }
                else
                {
                    reply = error;
                }

                break;
            case TopicMessage topic:
                reply = chat.ResolveRoom(session, topic.Room, out error) switch
                {
                    null => error,
                    var named when topic.Topic is null => new TopicEvent(named.Name, named.Topic),
                    var named => await chat.SetTopicAsync(session, named, topic.Topic),
                };
                break;
            case ActionMessage action:
                reply = chat.ResolveRoom(session, action.Room, out error) is { } actionRoom
                    ? chat.Act(session, actionRoom, action.Text, typed: true)
                    : error;
                break;
            case HistoryMessage { With: { } with } request:
                reply = await chat.DirectHistoryAsync(session, with, request.Before, request.Limit);
                break;
            case HistoryMessage request:
                reply = chat.ResolveRoom(session, request.Room, out error) is { } historyRoom
                    ? await chat.HistoryAsync(historyRoom, request.Before, request.Limit)
                    : error;
                break;
            case NickMessage nick:
                reply = await chat.RenameAsync(session, nick.Name);
                break;
            case WhoMessage who:
                reply = chat.ResolveRoom(session, who.Room, out error) is { } whoRoom ? await chat.WhoAsync(whoRoom) : error;
                break;
            case RoomsMessage:
                reply = await chat.ListRoomsAsync();
                break;
            case HelpMessage help:
                reply = chat.Help(help.Command);
                break;
            case QuitMessage quit:
                await chat.QuitAsync(session, quit.Reason);
                break;
            case RegisterMessage register:
                reply = await chat.RegisterAccountAsync(session, register.Password);
                break;
            case LoginMessage login:
                reply = await chat.LoginAsync(session, login.Name, login.Password);
                break;
            case PasswordMessage password:
                reply = await chat.ChangePasswordAsync(session, password.OldPassword, password.NewPassword);
                break;
            case RoomRegisterMessage register:
                reply = await InRoomAsync(session, register.Room, room => chat.RegisterRoomAsync(session, room));
                break;
            case OpMessage op:
                reply = await InRoomAsync(session, op.Room, room => chat.SetOperatorAsync(session, room, op.Name, true));
                break;
            case DeopMessage deop:
                reply = await InRoomAsync(session, deop.Room, room => chat.SetOperatorAsync(session, room, deop.Name, false));
                break;
            case KickMessage kick:
                reply = await InRoomAsync(session, kick.Room, room => chat.KickAsync(session, room, kick.Name, kick.Reason));
                break;
            case BanMessage ban:
                reply = await InRoomAsync(session, ban.Room, room => chat.BanAsync(session, room, ban.Mask, ban.Reason));
                break;
            case UnbanMessage unban:
                reply = await InRoomAsync(session, unban.Room, room => chat.UnbanAsync(session, room, unban.Mask));
                break;
            case MuteMessage mute:
                reply = await InRoomAsync(session, mute.Room, room => chat.MuteAsync(session, room, mute.Name, mute.Duration));
                break;
            case UnmuteMessage unmute:
                reply = await InRoomAsync(session, unmute.Room, room => chat.UnmuteAsync(session, room, unmute.Name));
                break;
            case VoiceMessage voice:
                reply = await InRoomAsync(session, voice.Room, room => chat.SetVoiceAsync(session, room, voice.Name, true));
                break;
            case DevoiceMessage devoice:
                reply = await InRoomAsync(session, devoice.Room, room => chat.SetVoiceAsync(session, room, devoice.Name, false));
                break;
            case InviteMessage invite:
                reply = await InRoomAsync(session, invite.Room, room => chat.InviteAsync(session, room, invite.Name));
                break;
            case ModeMessage mode:
                reply = await InRoomAsync(session, mode.Room, room => chat.SetModeAsync(session, room, mode.Mode, mode.Key));
                break;
            case KillMessage kill:
                reply = await chat.KillAsync(session, kill.Name, kill.Reason);
                break;
            case ServerBanMessage gban:
                reply = await chat.ServerBanAsync(session, gban.Mask, gban.Reason);
                break;
            case ServerUnbanMessage ungban:
                reply = await chat.ServerUnbanAsync(session, ungban.Mask);
                break;
            case AnnounceMessage announce:
                reply = await chat.AnnounceAsync(session, announce.Text);
                break;
            case CommandMessage command:
                await RunCustomAsync(context, command);
                break;
            case FrontCommand command:
                await command.ExecuteAsync(context);
                break;
            default:
                await next(context);
                break;
        }

        if (reply is not null)
        {
            session.Send(reply);
        }
    }

    /// <summary>A moderation command on the room it names (or the current one), or why there is no such room.</summary>
    private async ValueTask<ChatError?> InRoomAsync(ChatSession session, string? named, Func<Room, ValueTask<ChatError?>> action) =>
        chat.ResolveRoom(session, named, out var error) is { } room ? await action(room) : error;

    private ValueTask RunCustomAsync(ChatContext context, CommandMessage message)
    {
        var session = context.Session;
        if (!commands.TryGetCustom(message.Name, out var command))
        {
            session.Send(new ChatError(ErrorCodes.UnknownCommand, message.Name));
            return ValueTask.CompletedTask;
        }

        if (!session.IsRegistered && !command.AllowedBeforeRegistration)
        {
            session.Send(new ChatError(ErrorCodes.NotRegistered, command.Name));
            return ValueTask.CompletedTask;
        }

        var room = session.CurrentRoom;
        if (message.Room is not null && (room = chat.ResolveRoom(session, message.Room, out var error)) is null)
        {
            session.Send(error!);
            return ValueTask.CompletedTask;
        }

        var commandContext = new CommandContext(session, chat, message.Args.Trim(), room, context.Services);
        if (commandContext.Words.Count < command.MinArguments)
        {
            session.Send(new ChatError(ErrorCodes.BadArguments, command.Usage));
            return ValueTask.CompletedTask;
        }

        return command.ExecuteAsync(commandContext);
    }
}
