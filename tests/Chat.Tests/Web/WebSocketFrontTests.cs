using System.Net;
using System.Net.WebSockets;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Chat.Tests.Tls;

namespace Chat.Tests.Web;

/// <summary>The WebSocket front at /ws without a browser: the same rooms, limits and protocol as the line port.</summary>
public sealed class WebSocketFrontTests(TestCertificate certificate) : IClassFixture<TestCertificate>
{
    [Fact]
    public async Task AWebSocketUserSpeaksJsonFromTheStartAndChatsWithATextUserInTheSameRoom()
    {
        await using var server = await TestServer.StartAsync();
        await using var wes = await ConnectAsync(server);
        var greeting = await wes.ExpectJsonAsync("info");
        Assert.Contains("Welcome to ChatApp", greeting.GetProperty("text").GetString());

        await wes.SendAsync("""{"type":"hello","name":"wes"}""");
        await wes.ExpectJsonAsync("welcome", e => e.GetProperty("name").GetString() == "wes");
        await using var carol = await server.ConnectTextAsync("carol");
        await wes.ExpectJsonAsync("join", e => e.GetProperty("name").GetString() == "carol");

        await wes.SendAsync("""{"type":"say","room":"general","text":"hi from the web"}""");
        await carol.ExpectAsync("#general <wes> hi from the web");
        await carol.SendAsync("hi from nc");
        await wes.ExpectJsonAsync("message", e => e.GetProperty("from").GetString() == "carol" && e.GetProperty("text").GetString() == "hi from nc");

        // Slash commands inside a say, as for JSON on the line port.
        await wes.SendAsync("""{"type":"say","room":"general","text":"/me waves"}""");
        await carol.ExpectAsync("#general * wes waves");
        Assert.DoesNotContain(wes.Received, line => !line.StartsWith('{'));
    }

    [Fact]
    public async Task ALineOverTheLimitIsRefusedAndTheConnectionGoesOn()
    {
        await using var server = await TestServer.StartAsync("Chat:Limits:MaxLineBytes=100");
        await using var wes = await ConnectAsync(server);
        await wes.SendAsync($$"""{"type":"hello","name":"{{new string('w', 200)}}"}""");
        var error = await wes.ExpectJsonAsync("error");
        Assert.Equal(ErrorCodes.LineTooLong, error.GetProperty("code").GetString());

        await wes.SendAsync("""{"type":"hello","name":"wes"}""");
        await wes.ExpectJsonAsync("welcome");
    }

    [Fact]
    public async Task WebSocketsCountTowardsTheConnectionLimitsWithTheLinePort()
    {
        await using var server = await TestServer.StartAsync("Chat:Limits:MaxConnectionsPerIp=2");
        await using var carol = await server.ConnectTextAsync("carol");
        await using var wes = await ConnectAsync(server);
        await wes.ExpectJsonAsync("info");

        await using var third = await ConnectAsync(server);
        var refusal = await third.ExpectJsonAsync("error");
        Assert.Equal(ErrorCodes.TooManyConnections, refusal.GetProperty("code").GetString());
        Assert.Empty(await third.ExpectClosedAsync());
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("http://127.0.0.1:{port}", true)]
    [InlineData("http://app.example", true)]
    [InlineData("http://localhost:{port}", false)]
    [InlineData("https://127.0.0.1:{port}", false)]
    [InlineData("http://evil.example", false)]
    [InlineData("null", false)]
    public async Task OnlyTheServersOwnOriginAndTheAllowedOnesMayOpenAWebSocket(string? origin, bool allowed)
    {
        await using var server = await TestServer.StartAsync("Chat:WebSocket:AllowedOrigins:0=http://app.example");
        var url = WebSocketUrl(server);
        origin = origin?.Replace("{port}", server.HttpPort.ToString(), StringComparison.Ordinal);
        if (allowed)
        {
            await using var client = await WebSocketClient.ConnectAsync(url, origin);
            await client.ExpectJsonAsync("info");
            return;
        }

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(url, TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task OverAnHttpsEndpointTheWebSocketIsSecureAndMarkedSo()
    {
        await using var server = await TestServer.StartAsync(
            "Kestrel:Endpoints:Https:Url=https://127.0.0.1:0", $"Kestrel:Endpoints:Https:Certificate:Path={certificate.PfxPath}");
        var url = new Uri($"wss://localhost:{server.Port("Https")}/ws");
        await using var wes = await WebSocketClient.ConnectAsync(url, validate: CertificatePinning.CreateCallback(certificate.Fingerprint));
        await wes.SendAsync("""{"type":"hello","name":"wes"}""");
        await wes.ExpectJsonAsync("welcome");

        await wes.SendAsync("""{"type":"who","room":"general"}""");
        var who = await wes.ExpectJsonAsync("who");
        Assert.Equal(["wes"], who.GetProperty("secure").EnumerateArray().Select(e => e.GetString()));
    }

    private static Uri WebSocketUrl(TestServer server) => new($"ws://127.0.0.1:{server.HttpPort}/ws");

    private static Task<WebSocketClient> ConnectAsync(TestServer server) => WebSocketClient.ConnectAsync(WebSocketUrl(server));
}
