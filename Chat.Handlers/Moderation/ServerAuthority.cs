using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Moderation;

/// <summary>
/// The server's operators (accounts named in <c>Chat:Operators</c>, once logged in) and its bans, kept in memory
/// (read at start) and written through to the store.
/// </summary>
public sealed class ServerAuthority
{
    private readonly IServerBanStore _store;
    private readonly ImmutableHashSet<string> _operators;
    private readonly int _maxNameLength;
    private ImmutableArray<BanMask> _bans;

    public ServerAuthority(IServerBanStore store, IOptions<ChatOptions> options)
    {
        _store = store;
        _operators = ImmutableHashSet.CreateRange(StringComparer.OrdinalIgnoreCase, options.Value.Operators);
        _maxNameLength = options.Value.Limits.MaxNameLength;
        _bans = [.. store.LoadAll().Select(text => BanMask.TryParse(text, _maxNameLength, out var mask) ? mask : null).OfType<BanMask>()];
    }

    public ImmutableArray<BanMask> Bans => _bans;

    public bool IsOperator(string? account) => account is not null && _operators.Contains(account);

    public BanMask? FindBan(string? name, string? account, IPAddress? address) =>
        _bans.FirstOrDefault(mask => mask.Matches(name, account, address));

    /// <summary>False when the mask is banned already.</summary>
    public async ValueTask<bool> AddBanAsync(BanMask mask)
    {
        var added = ImmutableInterlocked.Update(ref _bans, bans => bans.Any(b => b.Text == mask.Text) ? bans : bans.Add(mask));
        if (added)
        {
            await _store.AddAsync(mask.Text);
        }

        return added;
    }

    /// <summary>False when the mask was not banned.</summary>
    public async ValueTask<bool> RemoveBanAsync(BanMask mask)
    {
        var removed = ImmutableInterlocked.Update(ref _bans, bans => bans.RemoveAll(b => b.Text == mask.Text));
        if (removed)
        {
            await _store.RemoveAsync(mask.Text);
        }

        return removed;
    }
}
