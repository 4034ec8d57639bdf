namespace Chat.Handlers.Sessions;

/// <summary>
/// Who may hold a name beyond this node. The core claims a name here before registering it in the local
/// <see cref="UserDirectory"/>, releases it once its holder has quit or changed name, and asks here for users it
/// does not hold. The default, <see cref="LocalNameClaims"/>, leaves it all to the directory: this node is the whole
/// server. A cluster implements it with an atomic claim in a shared store.
/// </summary>
public interface INameClaims
{
    /// <summary>Claims <paramref name="name"/> (ignoring case) for a session of this node.</summary>
    ValueTask<NameClaim> ClaimAsync(string name);

    /// <summary>Gives up a name this node claimed; it never fails, a claim left behind is reclaimed later.</summary>
    ValueTask ReleaseAsync(string name);

    /// <summary>How a user registered anywhere spells <paramref name="name"/>, or null when nobody has it.</summary>
    ValueTask<string?> FindAsync(string name);
}

public enum NameClaim
{
    Claimed,
    Taken,

    /// <summary>The claim could not be decided (the shared store is unreachable): nothing was claimed.</summary>
    Unavailable,
}

/// <summary>One node alone: every claim succeeds here and <see cref="UserDirectory"/> keeps names unique.</summary>
public sealed class LocalNameClaims(UserDirectory users) : INameClaims
{
    public ValueTask<NameClaim> ClaimAsync(string name) => ValueTask.FromResult(NameClaim.Claimed);

    public ValueTask ReleaseAsync(string name) => ValueTask.CompletedTask;

    public ValueTask<string?> FindAsync(string name) => ValueTask.FromResult(users.TryGet(name, out var user) ? user.Name : null);
}
