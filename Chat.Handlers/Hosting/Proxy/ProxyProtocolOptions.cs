using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Chat.Handlers.Hosting.Proxy;

/// <summary>The PROXY protocol settings of one chat endpoint, under <c>Chat:Endpoints:NAME</c> (docs/CONFIGURATION.md).</summary>
public sealed class ProxyProtocolOptions : IValidatableObject
{
    /// <summary>Whether every connection on the endpoint starts with a PROXY protocol header (v1 or v2). Off by default.</summary>
    public bool ProxyProtocol { get; set; }

    /// <summary>The proxies allowed to connect and send the header: IP addresses (<c>10.0.0.5</c>) or CIDR prefixes (<c>10.0.0.0/8</c>).</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>How long a proxy's connection may take to deliver its whole header.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = "ProxyProtocolTimeout must be between 10 ms and 1 minute.")]
    public TimeSpan ProxyProtocolTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public static string SectionOf(string endpointName) => $"{ChatOptions.Section}:Endpoints:{endpointName}";

    /// <summary>Binds and validates the endpoint's section.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid; the message names it.</exception>
    public static ProxyProtocolOptions Load(IConfiguration configuration, string endpointName)
    {
        var section = configuration.GetSection(SectionOf(endpointName));
        var options = section.Get<ProxyProtocolOptions>() ?? new();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new InvalidOperationException(string.Join(" ", errors.Select(error => $"{section.Path}:{error.ErrorMessage}")));
        }

        return options;
    }

    /// <summary>The trusted proxies as networks; a single address is a network of one.</summary>
    public IReadOnlyList<IPNetwork> TrustedNetworks() =>
        [.. TrustedProxies.Select(entry => TryParseNetwork(entry, out var network) ? network : throw new FormatException($"TrustedProxies entry '{entry}'"))];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in TrustedProxies.Where(entry => !TryParseNetwork(entry, out _)))
        {
            yield return new ValidationResult(
                $"TrustedProxies has '{entry}', which is neither an IP address nor a CIDR prefix such as 10.0.0.0/8.", [nameof(TrustedProxies)]);
        }

        if (ProxyProtocol && TrustedProxies.Count == 0)
        {
            yield return new ValidationResult(
                "TrustedProxies is empty while ProxyProtocol is on: every connection would be refused. List the load balancers' addresses.",
                [nameof(TrustedProxies)]);
        }
    }

    private static bool TryParseNetwork(string text, out IPNetwork network)
    {
        if (!text.Contains('/') && IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }

        return IPNetwork.TryParse(text, out network);
    }
}
