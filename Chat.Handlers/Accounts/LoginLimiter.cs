using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Accounts;

/// <summary>
/// Failed logins counted per account and per address: after <see cref="AccountOptions.MaxFailedLogins"/> failures
/// the account (or address) is locked for <see cref="AccountOptions.LockoutDuration"/>, right password or not.
/// A success clears the account's count, never the address's (a guesser may own one account).
/// </summary>
public sealed class LoginLimiter(IOptions<ChatOptions> options, TimeProvider time)
{
    private readonly AccountOptions _options = options.Value.Accounts;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long the account or address stays locked; zero when neither is.</summary>
    public TimeSpan LockedFor(string account, string? address)
    {
        var now = time.GetUtcNow();
        var until = new[] { AccountKey(account), AddressKey(address) }
            .Select(key => key is not null && _failures.TryGetValue(key, out var f) ? f.LockedUntil : default)
            .Max();
        return until > now ? until - now : TimeSpan.Zero;
    }

    public void Failed(string account, string? address)
    {
        Count(AccountKey(account));
        Count(AddressKey(address));
    }

    public void Succeeded(string account) => _failures.TryRemove(AccountKey(account), out _);

    private void Count(string? key)
    {
        if (key is null)
        {
            return;
        }

        var failures = _failures.GetOrAdd(key, _ => new Failures());
        lock (failures)
        {
            if (++failures.Count >= _options.MaxFailedLogins)
            {
                failures.Count = 0;
                failures.LockedUntil = time.GetUtcNow() + _options.LockoutDuration;
            }
        }
    }

    private static string AccountKey(string account) => "account:" + account;

    private static string? AddressKey(string? address) => address is null ? null : "address:" + address;

    private sealed class Failures
    {
        public int Count { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
