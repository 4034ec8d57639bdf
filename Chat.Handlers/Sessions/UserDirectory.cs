using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Chat.Handlers.Sessions;

/// <summary>Registered users by name, unique ignoring case.</summary>
public sealed class UserDirectory
{
    private readonly ConcurrentDictionary<string, ChatSession> _byName = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _byName.Count;

    /// <summary>Every registered session, enumerated without a lock (a moment's snapshot is not guaranteed).</summary>
    public IEnumerable<ChatSession> Sessions => _byName.Select(pair => pair.Value);

    public bool TryGet(string name, [NotNullWhen(true)] out ChatSession? session) => _byName.TryGetValue(name, out session);

    /// <summary>Whether the session holds its name here: registered, and not removed yet.</summary>
    public bool Holds(ChatSession session) =>
        session.Name is { } name && _byName.TryGetValue(name, out var holder) && ReferenceEquals(holder, session);

    public bool TryRegister(ChatSession session, string name)
    {
        if (!_byName.TryAdd(name, session))
        {
            return false;
        }

        session.Name = name;
        return true;
    }

    /// <summary>Moves a registered session to a new name; a change of case only is allowed.</summary>
    public bool TryRename(ChatSession session, string newName)
    {
        var oldName = session.Name ?? throw new InvalidOperationException("Session is not registered.");
        if (string.Equals(oldName, newName, StringComparison.OrdinalIgnoreCase))
        {
            _byName[newName] = session;
        }
        else if (_byName.TryAdd(newName, session))
        {
            _byName.TryRemove(new KeyValuePair<string, ChatSession>(oldName, session));
        }
        else
        {
            return false;
        }

        session.Name = newName;
        return true;
    }

    public void Remove(ChatSession session)
    {
        if (session.Name is { } name)
        {
            _byName.TryRemove(new KeyValuePair<string, ChatSession>(name, session));
        }
    }
}
