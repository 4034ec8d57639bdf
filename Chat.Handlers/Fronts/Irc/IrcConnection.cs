using System.Buffers;
using Chat.Handlers.Fronts.Irc.Commands;
using Chat.Handlers.Fronts.Line;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// One IRC client: its registration dialogue (CAP, PASS, NICK, USER), capabilities, away message and user modes.
/// Each line becomes a command of the IRC table (<see cref="IrcCommandTable"/>) or, for any other name, a custom
/// command of the core (whose table answers 421 for names it does not know either).
/// </summary>
/// <remarks>
/// The dialogue state is touched only by the read loop (decoding and the commands it yields). Other sessions read
/// the real name and away message, immutable strings; replies may be encoded on any thread and read only the session.
/// </remarks>
internal sealed partial class IrcConnection : FrontConnection
{
    private readonly IrcFront _front;
    private IrcCapability _capabilities;
    private bool _negotiating;
    private string? _nick;
    private string? _user;

    public IrcConnection(ChatSession session, IrcFront front)
        : base(session) => _front = front;

    public IrcServer Server => _front.Server;

    public ChatService Chat => _front.Chat;

    public RoomAuthority Authority => _front.Authority;

    public History.ChatHistory History => _front.History;

    public ChatSession User => Session;

    /// <summary>The name numerics address: the nick once registered, <c>*</c> before.</summary>
    public string Nick => Session.Name ?? "*";

    public IrcCapability Capabilities => _capabilities;

    /// <summary>Sent with PASS before registration: the password of the account named by the nick, to log in to it.</summary>
    public string? Password { get; private set; }

    /// <summary>The real name given with USER, for WHO and WHOIS.</summary>
    public string? RealName { get; private set; }

    public string? Away { get; set; }

    /// <summary>The SASL payload being received, from <c>AUTHENTICATE PLAIN</c> to its last line (<see cref="IrcSaslCommands"/>).</summary>
    public System.Text.StringBuilder? Sasl { get; set; }

    /// <summary>User mode +i: accepted and reported; every user is visible in the rooms they share anyway.</summary>
    public bool Invisible { get; set; }

    /// <summary>512 bytes a line, and room for tags once the client has asked for message-tags.</summary>
    public override int MaxFrameBytes => _capabilities.HasFlag(IrcCapability.MessageTags)
        ? IrcLimits.MaxClientTaggedLineBytes
        : IrcLimits.MaxClientLineBytes;

    /// <summary>The IRC front of another session, if it has one.</summary>
    public static IrcConnection? Of(ChatSession session) => session.Connection as IrcConnection;

    public override void Start() =>
        Session.Send(new IrcReply([Server.Reply("NOTICE", "*", $"*** Welcome to {Server.Network}: register with NICK and USER")]));

    public override ClientMessage? Decode(in ReadOnlySequence<byte> frame, out ChatError? error)
    {
        error = null;
        if (!IrcMessage.TryParse(frame, out var message, out var parseError))
        {
            if (parseError == IrcParseError.Empty)
            {
                return null;
            }

            Log.Malformed(_front.Logger, parseError);
            error = parseError is IrcParseError.BodyTooLong or IrcParseError.TagsTooLong
                ? new ChatError(ErrorCodes.LineTooLong, Limit: MaxFrameBytes)
                : new ChatError(ErrorCodes.BadRequest);
            return null;
        }

        if (IrcCommandTable.Find(message.Command) is { } command)
        {
            return new IrcCommand(command, message, this);
        }

        // Any other command is one of the core's, as the text front's slash commands are: IRC clients send a command
        // they do not know as typed (/roll 2d6 is ROLL 2d6, /register is REGISTER). A channel first is where it acts
        // (ROLL #dev 2d6); otherwise the channel joined last. Names no table has get 421 from the core.
        var parameters = message.Parameters;
        var room = parameters.Count > 0 && parameters[0].StartsWith('#') ? parameters[0] : null;
        return SlashCommands.Parse($"/{message.Command} {string.Join(' ', parameters.Skip(room is null ? 0 : 1))}", room, out error);
    }

    public override byte[] EncodeReply(ServerEvent reply)
    {
        var output = new ArrayBufferWriter<byte>(256);
        if (reply is WelcomeEvent)
        {
            foreach (var message in Server.Welcome(Nick, Chat.Users.Count, Chat.Rooms.Snapshot().Count))
            {
                IrcMessageWriter.Write(message, output);
            }
        }
        else if (reply is KillEvent kill && kill.Name == Session.Name)
        {
            // The killed user's last line, sent alone as the connection closes; everyone else sees the QUIT.
            IrcMessageWriter.Write(new IrcMessage("ERROR", $"Closing link: {IrcEvents.KillReason(kill)}") { ForceTrailing = true }, output);
        }
        else if (reply is HistoryEvent history)
        {
            IrcHistory.Write(history, Server.Name, Nick, _capabilities, output);
        }
        else if (reply is IrcChatHistoryReply requested)
        {
            IrcHistory.Write(requested.History, Server.Name, Nick, _capabilities, output, requested: true);
        }
        else if (!IrcEvents.TryWrite(reply, Session.Format is IrcFormat { ServerTime: true }, output, messageIds: Session.Format is IrcFormat { MessageIds: true }))
        {
            IrcReplies.Write(reply, Nick, Server.Name, output);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary><c>CAP LS</c> or <c>REQ</c> before registration: it waits for <c>CAP END</c>.</summary>
    public void BeginCapabilityNegotiation() => _negotiating |= !Session.IsRegistered;

    /// <summary>Applies a <c>CAP REQ</c>, all of it or nothing; the format changes with what the client gets sent.</summary>
    public bool RequestCapabilities(string request)
    {
        if (!Server.Capabilities.TryRequest(request, _capabilities, out var updated))
        {
            return false;
        }

        _capabilities = updated;
        Session.Format = IrcFormat.For(updated.HasFlag(IrcCapability.EchoMessage), updated.HasFlag(IrcCapability.ServerTime), updated.HasFlag(IrcCapability.MessageTags));
        Log.Capabilities(_front.Logger, IrcCapabilities.Names(updated));
        return true;
    }

    public ValueTask EndCapabilityNegotiationAsync(IrcContext context)
    {
        _negotiating = false;
        return TryRegisterAsync(context);
    }

    public ValueTask SetNickAsync(IrcContext context, string nick)
    {
        _nick = nick;
        return TryRegisterAsync(context);
    }

    public ValueTask SetUserAsync(IrcContext context, string user, string realName)
    {
        (_user, RealName) = (user, realName);
        return TryRegisterAsync(context);
    }

    public void SetPassword(string password) => Password = password;

    /// <summary>A SASL exchange that ended without a login; the reason names the step, never the payload.</summary>
    public void SaslRefused(string reason) => Log.SaslRefused(_front.Logger, reason);

    public void ChatHistoryRefused(string subcommand, string code) => Log.ChatHistoryRefused(_front.Logger, subcommand, code);

    /// <summary>Once NICK and USER are in and capabilities settled, registers the nick with the core, in no room.</summary>
    private async ValueTask TryRegisterAsync(IrcContext context)
    {
        if (Session.IsRegistered || _negotiating || _nick is null || _user is null)
        {
            return;
        }

        await context.DispatchAsync(new HelloMessage(_nick) { Password = Password, EntersDefaultRoom = false });
        if (Session.IsRegistered)
        {
            Log.Registered(_front.Logger, _user, IrcCapabilities.Names(_capabilities));
        }
        else
        {
            // Taken (433) or a wrong password (464): the client tries again with NICK, as a guest unless it sends PASS again.
            (_nick, Password) = (null, null);
        }
    }
}
