using System.Net.Security;
using System.Security.Authentication;
using Chat.Protocol;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Tls;

public class CertificatePinningTests(TestCertificate certificate) : IClassFixture<TestCertificate>
{
    [Fact]
    public async Task TheRightPinChatsOverTls()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);
        await using var other = await server.ConnectTextAsync("paul");
        string? rejected = null;
        await using var client = await TestClient.ConnectTlsAsync(server.TlsPort, CertificatePinning.CreateCallback(certificate.Fingerprint, r => rejected = r));

        await client.ExpectAsync("Enter your name");
        await client.SendAsync("""{"type":"hello","name":"pinned"}""");
        await client.ExpectJsonAsync("welcome");
        await client.SendAsync("""{"type":"say","text":"over tls"}""");
        Assert.Equal("#general <pinned> over tls", await other.ExpectAsync("<pinned>"));
        Assert.Null(rejected);
    }

    [Fact]
    public async Task AWrongPinRefusesToConnectAndSaysWhy()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);
        var wrong = new string('A', 64);
        string? rejected = null;

        await Assert.ThrowsAsync<AuthenticationException>(() =>
            TestClient.ConnectTlsAsync(server.TlsPort, CertificatePinning.CreateCallback(wrong, r => rejected = r)));

        Assert.Equal($"The server's certificate (SHA-256 {certificate.Fingerprint}) does not match the pinned fingerprint {wrong}.", rejected);
    }

    [Fact]
    public async Task WithoutAPinASelfSignedServerFailsNormalValidation()
    {
        await using var server = await TestServer.StartAsync(certificate.Setting);
        string? rejected = null;

        await Assert.ThrowsAsync<AuthenticationException>(() =>
            TestClient.ConnectTlsAsync(server.TlsPort, CertificatePinning.CreateCallback(null, r => rejected = r)));

        Assert.Contains(nameof(SslPolicyErrors.RemoteCertificateChainErrors), rejected);
    }

    [Fact]
    public void APinIsAcceptedInOpensslColonFormAndLowercase()
    {
        using var loaded = certificate.Load();
        var colons = string.Join(':', certificate.Fingerprint.Chunk(2).Select(pair => new string(pair)));

        Assert.Null(CertificatePinning.Check(loaded, SslPolicyErrors.RemoteCertificateChainErrors, Parse(colons.ToLowerInvariant())));
        Assert.NotNull(CertificatePinning.Check(loaded, SslPolicyErrors.None, Parse(new string('0', 64))));
        Assert.Throws<FormatException>(() => CertificatePinning.CreateCallback("not-a-fingerprint"));
        Assert.Throws<FormatException>(() => CertificatePinning.CreateCallback(certificate.Fingerprint[..62]));
    }

    private static string Parse(string text) =>
        CertificateFingerprint.TryParse(text, out var fingerprint) ? fingerprint : throw new FormatException(text);
}
