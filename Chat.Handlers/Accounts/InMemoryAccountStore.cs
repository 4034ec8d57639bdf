using System.Collections.Concurrent;

namespace Chat.Handlers.Accounts;

/// <summary>Accounts for as long as the process lives (the in-memory core tests; a server with no database).</summary>
public sealed class InMemoryAccountStore : IAccountStore
{
    private readonly ConcurrentDictionary<string, StoredAccount> _accounts = new(StringComparer.OrdinalIgnoreCase);

    public ValueTask<StoredAccount?> FindAsync(string name) => ValueTask.FromResult(_accounts.GetValueOrDefault(name));

    public ValueTask<bool> TryCreateAsync(StoredAccount account) => ValueTask.FromResult(_accounts.TryAdd(account.Name, account));

    public ValueTask UpdatePasswordAsync(string name, string passwordHash)
    {
        _accounts.AddOrUpdate(name, n => new StoredAccount(n, passwordHash), (_, old) => old with { PasswordHash = passwordHash });
        return ValueTask.CompletedTask;
    }
}
