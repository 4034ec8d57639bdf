using Chat.Handlers.Pipeline;
using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers.Commands;

/// <summary>
/// Runs typed commands against the core: the built-ins by type, a <see cref="CommandMessage"/> from the command table
/// with its registration and argument checks. Chat lines (<see cref="SayMessage"/>) and anything it does not know go on.
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
                reply = chat.ResolveRoom(session, action.Room, out error) is { } actionRoom ? await chat.ActAsync(session, actionRoom, action.Text) : error;
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
                reply = chat.ResolveRoom(session, register.Room, out error) is { } registered ? await chat.RegisterRoomAsync(session, registered) : error;
                break;
            case OpMessage op:
                reply = chat.ResolveRoom(session, op.Room, out error) is { } opRoom ? await chat.SetOperatorAsync(session, opRoom, op.Name, true) : error;
                break;
            case DeopMessage deop:
                reply = chat.ResolveRoom(session, deop.Room, out error) is { } deopRoom ? await chat.SetOperatorAsync(session, deopRoom, deop.Name, false) : error;
                break;
            case KickMessage kick:
                reply = chat.ResolveRoom(session, kick.Room, out error) is { } kickRoom ? await chat.KickAsync(session, kickRoom, kick.Name, kick.Reason) : error;
                break;
            case BanMessage ban:
                reply = chat.ResolveRoom(session, ban.Room, out error) is { } banRoom ? await chat.BanAsync(session, banRoom, ban.Mask, ban.Reason) : error;
                break;
            case UnbanMessage unban:
                reply = chat.ResolveRoom(session, unban.Room, out error) is { } unbanRoom ? await chat.UnbanAsync(session, unbanRoom, unban.Mask) : error;
                break;
            case MuteMessage mute:
                reply = chat.ResolveRoom(session, mute.Room, out error) is { } muteRoom ? await chat.MuteAsync(session, muteRoom, mute.Name, mute.Duration) : error;
                break;
            case UnmuteMessage unmute:
                reply = chat.ResolveRoom(session, unmute.Room, out error) is { } unmuteRoom ? await chat.UnmuteAsync(session, unmuteRoom, unmute.Name) : error;
                break;
            case VoiceMessage voice:
                reply = chat.ResolveRoom(session, voice.Room, out error) is { } voiceRoom ? await chat.SetVoiceAsync(session, voiceRoom, voice.Name, true) : error;
                break;
            case DevoiceMessage devoice:
                reply = chat.ResolveRoom(session, devoice.Room, out error) is { } devoiceRoom ? await chat.SetVoiceAsync(session, devoiceRoom, devoice.Name, false) : error;
                break;
            case InviteMessage invite:
                reply = chat.ResolveRoom(session, invite.Room, out error) is { } inviteRoom ? await chat.InviteAsync(session, inviteRoom, invite.Name) : error;
                break;
            case ModeMessage mode:
                reply = chat.ResolveRoom(session, mode.Room, out error) is { } modeRoom ? await chat.SetModeAsync(session, modeRoom, mode.Mode, mode.Key) : error;
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
            default:
                await next(context);
                break;
        }

        if (reply is not null)
        {
            session.Send(reply);
        }
    }

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
