using System.Collections;
using Chat.Handlers.Sessions;

namespace Chat.Handlers.Hosting;

/// <summary>
/// The logging scope of one connection. Read at each log call, so <c>UserName</c> appears once the user
/// has registered and follows renames.
/// </summary>
internal sealed class SessionLogScope(ChatSession session) : IReadOnlyList<KeyValuePair<string, object?>>
{
    // UserName joins the scope once there is one, rather than logging "null" before registration.
    public int Count => session.Name is null ? 2 : 3;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("ConnectionId", session.Id),
        1 => new("RemoteEndPoint", session.RemoteEndPoint?.ToString()),
        2 => new("UserName", session.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{session.Id} {session.Name}";
}
