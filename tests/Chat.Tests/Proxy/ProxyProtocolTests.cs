using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Chat.Handlers.Hosting;
using Chat.Handlers.Hosting.Proxy;
using Chat.Handlers.Tls;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Chat.Tests.Tls;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;
using static Chat.Tests.Proxy.ProxyHeaders;

namespace Chat.Tests.Proxy;

/// <summary>The test client, on 127.0.0.1, plays the load balancer.</summary>
public class ProxyProtocolTests(TestCertificate certificate) : IClassFixture<TestCertificate>
{
    private const string LogConnectionsAtInformation = "Serilog:MinimumLevel:Override:Chat.Handlers.Hosting=Information";

    private static readonly string[] BehindLoopbackProxy =
        ["Chat:Endpoints:Chat:ProxyProtocol=true", "Chat:Endpoints:Chat:TrustedProxies:0=10.0.0.0/8", "Chat:Endpoints:Chat:TrustedProxies:1=127.0.0.1"];

    private static readonly IPEndPoint Alice = IPEndPoint.Parse("203.0.113.7:40001");
    private static readonly IPEndPoint Bob = IPEndPoint.Parse("[2001:db8::9]:40002");

    private static readonly Dictionary<string, byte[]> Malformed = new()
    {
        ["a chat line without a header"] = Ascii("alice\n"),
        ["a broken v1 header"] = Ascii("PROXY TCP4 203.0.113 192.0.2.1 40001 5555\r\nalice\n"),
        ["a v2 header of version 3"] = V2Raw(0x31, TcpOverIPv4, new byte[12]),
    };

    public static TheoryData<string> MalformedHeaders => [.. Malformed.Keys];

    [Fact]
    public async Task V1AndV2HeadersGiveTheRealAddressToThePerIpLimitAndTheLog()
    {
        var logs = new LogCapture();
        await using var server = await TestServer.StartAsync(logs.AddTo, [.. BehindLoopbackProxy, "Chat:Limits:MaxConnectionsPerIp=1", LogConnectionsAtInformation]);
        var chat4 = new IPEndPoint(IPAddress.Loopback, server.ChatPort);
        var chat6 = new IPEndPoint(IPAddress.IPv6Loopback, server.ChatPort);

        // Two clients through the one proxy address: each real address is within a limit of one.
        await using var alice = await ConnectThroughProxyAsync(server.ChatPort, V1(Alice, chat4), "alice");
        await using var bob = await ConnectThroughProxyAsync(server.ChatPort, V2(Bob, chat6), "bob");
        await alice.ExpectAsync("*** bob joined #general");

        // A second connection from a real address already in use is refused, naming that address, whichever version carried it.
        await ExpectRefusedAsync(V2(new IPEndPoint(Alice.Address, 40003), chat4), Alice.Address);
        await ExpectRefusedAsync(V1(new IPEndPoint(Bob.Address, 40004), chat6), Bob.Address);

        Assert.Equal(2, server.Services.GetRequiredService<ConnectionLimiter>().ActiveConnections);
        var connections = logs.Events.Where(e => e.MessageTemplate.Text.StartsWith("Connection from", StringComparison.Ordinal))
            .Select(e => $"{e.Properties["RemoteEndPoint"].ToString().Trim('"')} {e.Properties.GetValueOrDefault("ErrorCode")}".TrimEnd())
            .ToList();
        Assert.Equal(["203.0.113.7:40001", "[2001:db8::9]:40002", "203.0.113.7:40003 \"too_many_connections\"", "[2001:db8::9]:40004 \"too_many_connections\""], connections);

        async Task ExpectRefusedAsync(byte[] header, IPAddress client)
        {
            await using var refused = await TestClient.ConnectAsync(server.ChatPort);
            await refused.SendRawAsync(header);
            Assert.Equal([$"!!! Too many connections from {client} (at most 1); close one and try again."], await refused.ExpectClosedAsync());
        }
    }

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public async Task AMalformedHeaderFromATrustedProxyIsClosedWithoutAGreeting(string name)
    {
        var logs = new LogCapture();
        await using var server = await TestServer.StartAsync(logs.AddTo, [.. BehindLoopbackProxy, LogConnectionsAtInformation]);
        await using var client = await TestClient.ConnectAsync(server.ChatPort);

        await client.SendRawAsync(Malformed[name]);

        Assert.Empty(await client.ExpectClosedAsync());
        Assert.Contains("malformed PROXY header", Assert.Single(ProxyWarnings(logs)), StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Messages(LogEventLevel.Information), m => m.StartsWith("Connection from", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATrustedProxyThatSendsOnlyPartOfAHeaderIsClosedAfterTheTimeout()
    {
        var logs = new LogCapture();
        await using var server = await TestServer.StartAsync(logs.AddTo, [.. BehindLoopbackProxy, "Chat:Endpoints:Chat:ProxyProtocolTimeout=00:00:00.200"]);
        await using var client = await TestClient.ConnectAsync(server.ChatPort);

        await client.SendRawAsync(Ascii("PROXY TCP4 203.0"));

        Assert.Empty(await client.ExpectClosedAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains("no PROXY header within 00:00:00.2", Assert.Single(ProxyWarnings(logs)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConnectionFromAnUntrustedAddressIsClosedWithoutAGreetingEvenWithAValidHeader()
    {
        var logs = new LogCapture();
        await using var server = await TestServer.StartAsync(logs.AddTo,
            "Chat:Endpoints:Chat:ProxyProtocol=true", "Chat:Endpoints:Chat:TrustedProxies:0=192.0.2.0/24", "Chat:Endpoints:Chat:TrustedProxies:1=::1", LogConnectionsAtInformation);

        await using (var spoofing = await TestClient.ConnectAsync(server.ChatPort))
        {
            await spoofing.SendRawAsync(V1(Alice, new IPEndPoint(IPAddress.Loopback, server.ChatPort)));
            Assert.Empty(await spoofing.ExpectClosedAsync());
        }

        await using (var direct = await TestClient.ConnectAsync(server.ChatPort))
        {
            await direct.SendAsync("mallory");
            Assert.Empty(await direct.ExpectClosedAsync());
        }

        var warnings = ProxyWarnings(logs);
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("not a trusted proxy", w, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages(LogEventLevel.Information), m => m.StartsWith("Connection from", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnTheTlsEndpointTheHeaderComesBeforeTheHandshakeAndThePlainEndpointIsLeftAlone()
    {
        var logs = new LogCapture();
        await using var server = await TestServer.StartAsync(logs.AddTo, certificate.Setting, LogConnectionsAtInformation,
            $"Chat:Endpoints:{ChatTlsEndpoint.Name}:ProxyProtocol=true", $"Chat:Endpoints:{ChatTlsEndpoint.Name}:TrustedProxies:0=127.0.0.0/8");

        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(IPAddress.Loopback, server.TlsPort, TestContext.Current.CancellationToken);
        await tcp.GetStream().WriteAsync(V2(Alice, new IPEndPoint(IPAddress.Loopback, server.TlsPort)), TestContext.Current.CancellationToken);
        await using var tls = new SslStream(tcp.GetStream());
        using var timeout = new CancellationTokenSource(TestClient.DefaultTimeout);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = CertificatePinning.CreateCallback(certificate.Fingerprint),
        }, timeout.Token);
        using var reader = new StreamReader(tls, Encoding.UTF8);
        Assert.Equal("*** Welcome to ChatApp! Enter your name:", await reader.ReadLineAsync(timeout.Token));
        await tls.WriteAsync("tess\n"u8.ToArray(), timeout.Token);

        // The plain chat port, without the PROXY protocol, takes a client as before and sees the TLS user by name.
        await using var plain = await server.ConnectTextAsync("paul");
        await plain.SendAsync("/who");
        await plain.ExpectAsync("*** #general (2): ");

        var connections = logs.Messages(LogEventLevel.Information).Where(m => m.StartsWith("Connection from", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, connections.Count);
        Assert.Contains("203.0.113.7:40001", connections[0], StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:", connections[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Chat:Endpoints:Chat:TrustedProxies:0=10.0.0.0/33", "Chat:Endpoints:Chat:TrustedProxies has '10.0.0.0/33', which is neither an IP address nor a CIDR prefix")]
    [InlineData("Chat:Endpoints:Chat:TrustedProxies:0=proxy.example.com", "Chat:Endpoints:Chat:TrustedProxies has 'proxy.example.com'")]
    [InlineData("Chat:Endpoints:Chat:ProxyProtocol=true", "Chat:Endpoints:Chat:TrustedProxies is empty while ProxyProtocol is on")]
    [InlineData("Chat:Endpoints:ChatTls:ProxyProtocolTimeout=00:00:00", "Chat:Endpoints:ChatTls:ProxyProtocolTimeout must be between 10 ms and 1 minute")]
    public async Task InvalidSettingsStopStartupNamingTheSetting(string setting, string error)
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => TestServer.StartAsync(certificate.Setting, setting));

        Assert.Contains(error, exception.Message, StringComparison.Ordinal);
    }

    private static List<string> ProxyWarnings(LogCapture logs) =>
        [.. logs.Events
            .Where(e => e.Level == LogEventLevel.Warning && e.Properties["SourceContext"].ToString() == $"\"{typeof(ProxyProtocolMiddleware).FullName}\"")
            .Select(e => e.RenderMessage())];

    /// <summary>Header and name in one write, as a proxy forwards a client that speaks at once: nothing after the header is lost.</summary>
    private static async Task<TestClient> ConnectThroughProxyAsync(int port, byte[] header, string name)
    {
        var client = await TestClient.ConnectAsync(port);
        await client.SendRawAsync([.. header, .. Ascii(name + "\n")]);
        await client.ExpectAsync("Enter your name");
        await client.ExpectAsync($"*** {name} joined #general");
        return client;
    }
}
