using Chat.Handlers.History;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// The IRC front (<c>Kestrel:Endpoints:Irc</c> and <c>IrcTls</c>, docs/IRC.md): IRC clients in the same rooms as
/// everyone else, through the shared core.
/// </summary>
public sealed class IrcFront(
    ChatService chat, RoomAuthority authority, ChatHistory history, IOptions<IrcOptions> options, TimeProvider time, ILogger<IrcFront> logger)
    : IChatFront
{
    public WireFormat DefaultFormat => IrcFormat.Plain;

    internal IrcServer Server { get; } = new(chat.Options, options.Value, time.GetUtcNow(), history.IsEnabled ? history.MaxPageSize : 0);

    /// <summary>What CHATHISTORY reads.</summary>
    internal ChatHistory History => history;

    internal ChatService Chat => chat;

    /// <summary>Room owners and operators: NAMES and WHO mark operators, MODE shows registered rooms.</summary>
    internal RoomAuthority Authority => authority;

    internal ILogger Logger => logger;

    public FrontConnection Open(ChatSession session) => new IrcConnection(session, this);
}
