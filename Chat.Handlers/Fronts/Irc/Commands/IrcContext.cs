using Chat.Handlers.Pipeline;
using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc.Commands;

/// <summary>
/// One IRC command being run: its message, its connection, and the replies it collects, sent together as one frame.
/// Core commands it dispatches run through the whole pipeline; replies collected so far go out before them, so the
/// order on the wire is the order of the code.
/// </summary>
internal sealed class IrcContext(ChatContext chat, IrcConnection connection, IrcMessage message)
{
    private List<IrcMessage>? _replies;

    public IrcMessage Message => message;

    public IReadOnlyList<string> Parameters => message.Parameters;

    public IrcConnection Connection => connection;

    public ChatSession Session => chat.Session;

    public ChatService Chat => connection.Chat;

    public IrcServer Server => connection.Server;

    public string Nick => connection.Nick;

    /// <summary>A numeric to this user, their nick first; client text in a middle parameter is made safe (<see cref="IrcWords.Safe"/>).</summary>
    public void Reply(string numeric, params ReadOnlySpan<string> parameters)
    {
        var all = new string[parameters.Length + 1];
        all[0] = Nick;
        for (var i = 0; i < parameters.Length; i++)
        {
            all[i + 1] = i < parameters.Length - 1 ? IrcWords.Safe(parameters[i]) : parameters[i];
        }

        Send(Server.Reply(numeric, all));
    }

    public void Send(IrcMessage reply) => (_replies ??= []).Add(reply);

    public async ValueTask DispatchAsync(ClientMessage command)
    {
        Flush();
        await chat.DispatchAsync(command);
    }

    public void Flush()
    {
        if (_replies is { Count: > 0 } replies)
        {
            _replies = null;
            Session.Send(new IrcReply(replies));
        }
    }
}
