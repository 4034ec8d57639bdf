using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.RegularExpressions;

namespace Chat.Handlers.Moderation;

/// <summary>
/// Whom a ban matches: an account or name (<c>bob</c>: the account bob, and anyone calling themselves bob), a name
/// pattern (<c>spam*</c>, <c>?ob</c>: names and accounts), or an address or network (<c>203.0.113.7</c>,
/// <c>203.0.113.0/24</c>, <c>2001:db8::/32</c>). Names cannot hold '.', ':' or '/', so those mark an address.
/// </summary>
public sealed class BanMask
{
    private readonly Regex? _pattern;
    private readonly IPNetwork? _network;

    private BanMask(string text, Regex? pattern, IPNetwork? network)
    {
        Text = text;
        _pattern = pattern;
        _network = network;
    }

    /// <summary>The mask in its canonical spelling: names in lower case, networks as prefixes.</summary>
    public string Text { get; }

    public static bool TryParse(string text, int maxNameLength, [NotNullWhen(true)] out BanMask? mask)
    {
        mask = null;
        if (text.IndexOfAny(['.', ':', '/']) >= 0)
        {
            if (IPNetwork.TryParse(text, out var network) || IPAddress.TryParse(text, out var address)
                && IPNetwork.TryParse($"{address}/{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)}", out network))
            {
                mask = new BanMask(network.ToString(), null, network);
            }

            return mask is not null;
        }

        var plain = text.Replace("*", "").Replace("?", "");
        if (text.Length > maxNameLength || (plain.Length > 0 && !Names.IsValid(plain, maxNameLength)) || text.Trim('*').Length == 0)
        {
            // A pattern of stars alone would ban everyone.
            return false;
        }

        var lower = text.ToLowerInvariant();
        var pattern = new Regex("^" + Regex.Escape(lower).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        mask = new BanMask(lower, pattern, null);
        return true;
    }

    public bool Matches(string? name, string? account, IPAddress? address) => _network is { } network
        ? address is not null && network.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)
        : (name is not null && _pattern!.IsMatch(name)) || (account is not null && _pattern!.IsMatch(account));

    public override string ToString() => Text;
}
