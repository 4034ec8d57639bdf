using System.Globalization;
using Chat.Handlers.Tls;

namespace Chat.Host;

/// <summary>
/// Short forms for the endpoints' addresses, as the original server took its address on the command line:
/// <c>--chat-ip 0.0.0.0 --chat-port 6000</c> becomes <c>--Kestrel:Endpoints:Chat:Url=http://0.0.0.0:6000</c>.
/// Each endpoint has a port option; <c>--chat-ip</c> is the address of every chat endpoint (the health endpoint stays
/// on loopback). An endpoint is given only where one of its options is. A new endpoint is one more row of <see cref="Ports"/>.
/// </summary>
public static class CommandLineShortcuts
{
    private const string ChatIp = "--chat-ip";

    private static readonly PortOption[] Ports =
    [
        new("--chat-port", "Chat", "http", 5555, OnChatIp: true),
        new("--tls-port", ChatTlsEndpoint.Name, "https", 5556, OnChatIp: true),
        new("--http-port", "Http", "http", 5080, OnChatIp: false),
    ];

    public static string[] Expand(string[] args)
    {
        string? ip = null;
        var ports = new Dictionary<PortOption, string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var option = Array.Find(Ports, p => p.Option == args[i]);
            if (i + 1 >= args.Length || (option is null && args[i] != ChatIp))
            {
                rest.Add(args[i]);
            }
            else if (option is null)
            {
                ip = args[++i];
            }
            else
            {
                ports[option] = args[++i];
            }
        }

        foreach (var port in Ports)
        {
            var host = port.OnChatIp ? ip : null;
            if (host is not null || ports.ContainsKey(port))
            {
                var number = ports.GetValueOrDefault(port) ?? port.DefaultPort.ToString(CultureInfo.InvariantCulture);
                rest.Add($"--Kestrel:Endpoints:{port.Endpoint}:Url={port.Scheme}://{UrlHost(host ?? "127.0.0.1")}:{number}");
            }
        }

        return [.. rest];
    }

    /// <summary>How to move an endpoint, for a message: its short form, else the full setting.</summary>
    public static string HowToMove(string endpoint) =>
        Array.Find(Ports, p => p.Endpoint == endpoint) is { } port ? $"{port.Option} PORT" : $"--Kestrel:Endpoints:{endpoint}:Url=URL";

    /// <summary>An IPv6 address goes in brackets in a URL.</summary>
    private static string UrlHost(string ip) => ip.Contains(':', StringComparison.Ordinal) && !ip.StartsWith('[') ? $"[{ip}]" : ip;

    private sealed record PortOption(string Option, string Endpoint, string Scheme, int DefaultPort, bool OnChatIp);
}
