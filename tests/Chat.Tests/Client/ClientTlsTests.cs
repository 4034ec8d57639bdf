using Chat.Client;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Chat.Tests.Tls;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Client;

/// <summary>The client library and the terminal client over TLS: a pinned or normally validated certificate, never plaintext.</summary>
public class ClientTlsTests(TestCertificate certificate) : IClassFixture<TestCertificate>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithTheRightPinTheClientChatsOverTlsWithAPlainUserInTheSameRoom()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);
        await using var paul = await server.ConnectTextAsync("paul");
        await using var client = new ChatClient(new ChatClientOptions("127.0.0.1", server.TlsPort, "tess") { Pin = certificate.Fingerprint });
        await client.ConnectAsync(Token);
        await paul.ExpectAsync("*** tess joined #general");

        await client.SendAsync("hello over tls", cancellationToken: Token);
        Assert.Equal("#general <tess> hello over tls", await paul.ExpectAsync("<tess>"));
        await paul.SendAsync("hello in plain");
        Assert.Equal("hello in plain", (await client.ExpectAsync<MessageEvent>(m => m.From == "paul")).Text);

        await client.SendAsync("/who", cancellationToken: Token);
        var who = await client.ExpectAsync<WhoEvent>();
        Assert.Equal(["tess"], who.Secure);
    }

    [Fact]
    public async Task WithAWrongPinTheClientRefusesToConnectNamingBothFingerprints()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);
        var wrong = new string('A', 64);
        await using var client = new ChatClient(new ChatClientOptions("127.0.0.1", server.TlsPort, "tess") { Pin = wrong });

        var refused = await Assert.ThrowsAsync<ChatCertificateException>(() => client.ConnectAsync(Token));

        Assert.Equal($"The server's certificate (SHA-256 {certificate.Fingerprint}) does not match the pinned fingerprint {wrong}.", refused.Message);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task TlsWithoutAPinRefusesASelfSignedServerAsUntrusted()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);
        await using var client = new ChatClient(new ChatClientOptions("127.0.0.1", server.TlsPort, "tess") { Tls = true });

        var refused = await Assert.ThrowsAsync<ChatCertificateException>(() => client.ConnectAsync(Token));

        Assert.Contains("failed validation: RemoteCertificateChainErrors", refused.Message);
        Assert.Contains(certificate.Fingerprint, refused.Message);
    }

    [Fact]
    public async Task TlsAgainstThePlainPortFailsInsteadOfFallingBackToPlaintext()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);
        await using var paul = await server.ConnectTextAsync("paul");
        await using var client = new ChatClient(new ChatClientOptions("127.0.0.1", server.ChatPort, "tess") { Pin = certificate.Fingerprint });

        var failed = await Assert.ThrowsAsync<IOException>(() => client.ConnectAsync(Token));

        Assert.StartsWith($"The TLS handshake with 127.0.0.1:{server.ChatPort} failed", failed.Message);
        await paul.SendAsync("/who");
        Assert.Equal("*** #general (1): paul", await paul.ExpectAsync("*** #general ("));
    }

    [Fact]
    public async Task ACertificateThatChangesUnderThePinStopsReconnectingWithTheReason()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var first = await TestServer.StartAsync(certificate.Setting);
        var port = first.TlsPort;
        await using var client = new ChatClient(new ChatClientOptions("127.0.0.1", port, "tess")
        {
            Pin = certificate.Fingerprint,
            TimeProvider = time,
            Reconnect = new ReconnectOptions { InitialDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(1), Jitter = 0 },
        });
        await client.ConnectAsync(Token);
        await first.DisposeAsync();
        await client.ExpectAsync<DisconnectedEvent>(e => e.Attempt == 1);

        using var other = new TestCertificate();
        await using var second = await TestServer.StartAsync(other.Setting, $"Kestrel:Endpoints:ChatTls:Url=https://127.0.0.1:{port}");
        time.Advance(TimeSpan.FromMinutes(1));

        var stopped = await client.ExpectAsync<DisconnectedEvent>(e => e.RetryIn is null);
        Assert.Contains($"(SHA-256 {other.Fingerprint}) does not match the pinned fingerprint {certificate.Fingerprint}", stopped.Reason);
        await Assert.ThrowsAsync<ChatCertificateException>(() => client.Events.Completion.WaitAsync(TimeSpan.FromSeconds(10), Token));
    }

    [Fact]
    public async Task TheTerminalClientChatsOverTlsWithPin()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);
        await using var paul = await server.ConnectTextAsync("paul");
        using var client = ClientProcess.Start("--port", server.TlsPort.ToString(), "--pin", certificate.Fingerprint, "--name", "tess");

        await paul.ExpectAsync("*** tess joined #general");
        await client.WriteLineAsync("hello from a pinned terminal");
        Assert.Equal("#general <tess> hello from a pinned terminal", await paul.ExpectAsync("<tess>"));
        await client.WriteLineAsync("/who");

        Assert.Equal(0, await client.EndInputAndWaitAsync());
        await client.ExpectLineAsync("*** #general (2): paul, tess (tls)");
    }

    [Fact]
    public async Task TheTerminalClientWithTlsRefusesASelfSignedServerWithExitCode3()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);
        using var client = ClientProcess.Start("--port", server.TlsPort.ToString(), "--tls", "--name", "tess");

        var error = await client.Process.StandardError.ReadToEndAsync(Token).WaitAsync(TimeSpan.FromSeconds(20), Token);

        Assert.Equal(3, await client.WaitForExitAsync());
        Assert.StartsWith($"chat: not connecting to 127.0.0.1:{server.TlsPort}: The server's certificate (SHA-256 {certificate.Fingerprint}) failed validation", error.Trim());
    }
}
