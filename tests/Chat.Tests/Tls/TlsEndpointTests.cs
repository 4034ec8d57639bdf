using System.Diagnostics;
using System.Security.Authentication;
using Chat.Protocol;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Tls;

public class TlsEndpointTests(TestCertificate certificate) : IClassFixture<TestCertificate>
{
    [Fact]
    public async Task SslStreamHandshakeOnTheTlsPortGetsTheGreetingAndChats()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);
        await using var client = await TestClient.ConnectTlsAsync(server.TlsPort, CertificatePinning.CreateCallback(certificate.Fingerprint));

        Assert.Equal("*** Welcome to ChatApp! Enter your name:", await client.ReadLineAsync());
        await client.SendAsync("tess");
        await client.ExpectAsync("*** Welcome, tess!");
    }

    [Fact]
    public async Task OpensslSClientCompletesAHandshakeAndChats()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);
        await using var plain = await server.ConnectTextAsync("paul");
        using var openssl = Process.Start(new ProcessStartInfo("/usr/bin/openssl", ["s_client", "-connect", $"127.0.0.1:{server.TlsPort}", "-quiet"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        openssl.ErrorDataReceived += (_, _) => { };
        openssl.BeginErrorReadLine();
        try
        {
            Assert.Equal("*** Welcome to ChatApp! Enter your name:", await ReadLineAsync(openssl));
            await openssl.StandardInput.WriteLineAsync("olivia");
            await openssl.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
            Assert.StartsWith("*** Welcome, olivia!", await ReadLineAsync(openssl));
            await plain.ExpectAsync("*** olivia joined #general");
        }
        finally
        {
            openssl.Kill();
            await openssl.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task APlaintextClientOnTheTlsPortGetsNoGreetingAndIsClosed()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);
        await using var client = await TestClient.ConnectAsync(server.TlsPort);

        await client.SendAsync("mallory");
        var received = await client.ExpectClosedAsync(TimeSpan.FromSeconds(5));

        Assert.DoesNotContain(received, line => line.Contains("Welcome", StringComparison.Ordinal) || line.Contains("***", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASilentPeerIsCutOffAtTheHandshakeTimeout()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting, "Chat:Tls:HandshakeTimeout=00:00:00.500");
        await using var client = await TestClient.ConnectAsync(server.TlsPort);
        var clock = Stopwatch.StartNew();

        Assert.Empty(await client.ExpectClosedAsync(TimeSpan.FromSeconds(5)));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task MinimumVersionTls13RefusesATls12Client()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting, "Chat:Tls:MinimumVersion=Tls13");
        var pin = CertificatePinning.CreateCallback(certificate.Fingerprint);

        await Assert.ThrowsAnyAsync<Exception>(() => TestClient.ConnectTlsAsync(server.TlsPort, pin, SslProtocols.Tls12));
        await using var client = await TestClient.ConnectTlsAsync(server.TlsPort, pin, SslProtocols.Tls13);
        await client.ExpectAsync("Enter your name");
    }

    [Fact]
    public async Task TheDefaultMinimumAcceptsTls12()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);

        await using var client = await TestClient.ConnectTlsAsync(server.TlsPort, CertificatePinning.CreateCallback(certificate.Fingerprint), SslProtocols.Tls12);
        await client.ExpectAsync("Enter your name");
    }

    [Fact]
    public async Task TlsAndPlainUsersShareARoomAndWhoMarksTheTlsOnes()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);
        await using var plain = await server.ConnectTextAsync("paul");
        await using var secure = await server.ConnectTlsAsync(certificate.Fingerprint);
        await secure.SendAsync("tess");
        await plain.ExpectAsync("*** tess joined #general");

        await secure.SendAsync("hello from tls");
        Assert.Equal("#general <tess> hello from tls", await plain.ExpectAsync("<tess>"));
        await plain.SendAsync("hello from plain");
        Assert.Equal("#general <paul> hello from plain", await secure.ExpectAsync("<paul>"));

        await plain.SendAsync("/who");
        Assert.Equal("*** #general (2): paul, tess (tls)", await plain.ExpectAsync("*** #general ("));

        await using var json = await server.ConnectJsonAsync("jay");
        await json.SendAsync("""{"type":"say","text":"/who"}""");
        var who = await json.ExpectJsonAsync("who");
        Assert.Equal(["jay", "paul", "tess"], who.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["tess"], who.GetProperty("secure").EnumerateArray().Select(m => m.GetString()));
    }

    private static async Task<string?> ReadLineAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TestClient.DefaultTimeout);
        return await process.StandardOutput.ReadLineAsync(timeout.Token);
    }
}
