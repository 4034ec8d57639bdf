using System.Buffers;
using System.Globalization;
using Chat.Handlers.Fronts.Line;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// The events every IRC recipient of a broadcast gets in the same bytes: messages, actions, joins, parts, quits,
/// nick and topic changes, each from the mask of the user it is about (<see cref="IrcMask"/>). Long text is cut into
/// several lines, each within the 512 bytes of an IRC line; a typed payload comes as the text front's summary line.
/// </summary>
internal static class IrcEvents
{
    /// <summary>Room for the body of a line: 512 bytes less CR LF.</summary>
    private const int MaxBody = IrcLimits.MaxBodyContentBytes;

    /// <summary>What an ACTION adds around its text: <c>\x01ACTION </c> and <c>\x01</c>.</summary>
    private const int ActionOverhead = 9;

    /// <summary>Writes <paramref name="serverEvent"/> if it is one of these events; false for anything else (a reply).</summary>
    /// <param name="batch">The batch the lines belong to (history playback), as a <c>batch</c> tag.</param>
    /// <param name="messageIds">Whether messages carry their room id as a <c>msgid</c> tag (clients with message-tags).</param>
    public static bool TryWrite(ServerEvent serverEvent, bool serverTime, IBufferWriter<byte> output, string? batch = null, bool messageIds = false)
    {
        switch (serverEvent)
        {
            case MessageEvent e:
                WriteText(e.Notice ? "NOTICE" : "PRIVMSG", e.From, e.To ?? IrcMask.Channel(e.Room!), TextFormat.Body(e), action: false, Tags(e.Ts, e.Id, serverTime, messageIds, batch), output);
                return true;
            case ActionEvent e:
                WriteText("PRIVMSG", e.From, IrcMask.Channel(e.Room), e.Text, action: true, Tags(e.Ts, e.Id, serverTime, messageIds, batch), output);
                return true;
            case JoinEvent e:
                Write(From(e.Name, "JOIN", IrcMask.Channel(e.Room)), output);
                return true;
            case LeaveEvent { Reason: { } reason } e:
                Write(new IrcMessage("PART", IrcMask.Channel(e.Room), reason) { Prefix = IrcMask.Of(e.Name), ForceTrailing = true }, output);
                return true;
            case LeaveEvent e:
                Write(From(e.Name, "PART", IrcMask.Channel(e.Room)), output);
                return true;
            case QuitEvent e:
                Write(new IrcMessage("QUIT", e.Reason ?? "") { Prefix = IrcMask.Of(e.Name), ForceTrailing = true }, output);
                return true;
            case KillEvent e:
                Write(new IrcMessage("QUIT", KillReason(e)) { Prefix = IrcMask.Of(e.Name), ForceTrailing = true }, output);
                return true;
            case NickEvent e:
                Write(From(e.OldName, "NICK", e.NewName), output);
                return true;
            case TopicEvent { By: { } by } e:
                Write(new IrcMessage("TOPIC", IrcMask.Channel(e.Room), e.Topic ?? "") { Prefix = IrcMask.Of(by), Tags = Tags(e.Ts, e.Id, serverTime, messageIds, batch), ForceTrailing = true }, output);
                return true;
            case KickEvent e:
                Write(new IrcMessage("KICK", IrcMask.Channel(e.Room), e.Name, e.Reason ?? e.By) { Prefix = IrcMask.Of(e.By), ForceTrailing = true }, output);
                return true;
            case RoomModeEvent e when Mode(e) is { } mode:
                Write(mode, output);
                return true;
            default:
                return false;
        }
    }

    private static void WriteText(string command, string from, string target, string text, bool action, IrcTag[] tags, IBufferWriter<byte> output)
    {
        var source = IrcMask.Of(from);
        // ":source COMMAND target :text", all ASCII but the text.
        var room = MaxBody - (1 + source.Length + 1 + command.Length + 1 + target.Length + 2) - (action ? ActionOverhead : 0);
        foreach (var piece in IrcText.Split(text, room))
        {
            var trailing = action ? IrcCtcp.Create(IrcCtcp.Action, piece) : piece;
            IrcMessageWriter.Write(new IrcMessage(command, target, trailing) { Prefix = source, Tags = tags, ForceTrailing = true }, output);
        }
    }

    /// <summary>
    /// A room's rules as IRC modes: operators <c>+o</c>, voice <c>+v</c>, bans <c>+b</c> (ChatApp's mask as it was
    /// given), the flags <c>+i +k +m +t</c> (a key is never shown: <c>*</c>), a room registered to an owner <c>+r</c>, as
    /// services mark registered channels; an invitation is INVITE. Operator rights and voice belong to accounts: the
    /// target is the account's name, which its user has once logged in. Mutes have no IRC mode: null, and they come
    /// as the server's notice (<see cref="IrcReplies"/>).
    /// </summary>
    private static IrcMessage? Mode(RoomModeEvent e)
    {
        var channel = IrcMask.Channel(e.Room);
        var target = e.Target ?? "*";
        return e.Mode switch
        {
            RoomModes.Registered => From(e.By, "MODE", channel, "+r"),
            RoomModes.Op => From(e.By, "MODE", channel, "+o", target),
            RoomModes.Deop => From(e.By, "MODE", channel, "-o", target),
            RoomModes.Voice => From(e.By, "MODE", channel, "+v", target),
            RoomModes.Devoice => From(e.By, "MODE", channel, "-v", target),
            RoomModes.Ban => From(e.By, "MODE", channel, "+b", target),
            RoomModes.Unban => From(e.By, "MODE", channel, "-b", target),
            RoomModes.Keyed => From(e.By, "MODE", channel, "+k", "*"),
            RoomModes.NotKeyed => From(e.By, "MODE", channel, "-k", "*"),
            RoomModes.InviteOnly or RoomModes.NotInviteOnly or RoomModes.Moderated or RoomModes.NotModerated
                or RoomModes.TopicLocked or RoomModes.TopicUnlocked => From(e.By, "MODE", channel, e.Mode),
            RoomModes.Invite => From(e.By, "INVITE", target, channel),
            _ => null,
        };
    }

    /// <summary>How a kill reads, in the QUIT others see and in the killed user's last line: <c>Killed (sysop: spam)</c>.</summary>
    public static string KillReason(KillEvent e) => e.Reason is { Length: > 0 } reason ? $"Killed ({e.By}: {reason})" : $"Killed ({e.By})";

    private static IrcMessage From(string name, string command, params ReadOnlySpan<string> parameters) =>
        new(command, parameters) { Prefix = IrcMask.Of(name) };

    private static void Write(IrcMessage message, IBufferWriter<byte> output) => IrcMessageWriter.Write(message, output);

    /// <summary>
    /// The server-time tag of an event the stream stamped, for clients that asked for it, its id as <c>msgid</c> (the
    /// room's id, which CHATHISTORY takes back) for clients with message-tags, and its batch.
    /// </summary>
    private static IrcTag[] Tags(DateTimeOffset? ts, long? id, bool serverTime, bool messageIds, string? batch)
    {
        var time = serverTime && ts is { } stamped && stamped != default;
        var msgid = messageIds && id > 0;
        if (!time && !msgid && batch is null)
        {
            return [];
        }

        var tags = new List<IrcTag>(3);
        if (time)
        {
            tags.Add(IrcServerTime.ToTag(ts!.Value));
        }

        if (msgid)
        {
            tags.Add(new IrcTag("msgid", id!.Value.ToString(CultureInfo.InvariantCulture)));
        }

        if (batch is not null)
        {
            tags.Add(new IrcTag("batch", batch));
        }

        return [.. tags];
    }
}
