using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Chat.Handlers.Tls;
using Chat.Host;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Serilog.Events;

namespace Chat.Tests.Tls;

public class TlsConfigurationTests(TestCertificate certificate) : IClassFixture<TestCertificate>
{
    private const string LogTlsAtInformation = "Serilog:MinimumLevel:Override:Chat.Handlers.Tls=Information";

    private string MissingDevelopmentCertificate => $"Chat:Tls:DevelopmentCertificate={Path.Combine(certificate.Folder, "none", "dev.pfx")}";

    [Fact]
    public async Task WithoutACertificateTheServerServesPlainTcpAndWarnsOncePerTlsEndpoint()
    {
        var logs = new LogCapture();
        await using var server = await TestServer.StartAsync(logs.AddTo, MissingDevelopmentCertificate);

        await using var alice = await server.ConnectTextAsync("alice");
        await alice.SendAsync("/who");
        await alice.ExpectAsync("*** #general (1): alice");

        var warnings = logs.Messages(LogEventLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("TLS endpoint \"ChatTls\"", warnings[0]);
        Assert.Contains("TLS endpoint \"IrcTls\"", warnings[1]);
        Assert.All(warnings, warning => Assert.Contains("no certificate is configured", warning));
        Assert.Throws<KeyNotFoundException>(() => server.TlsPort);
        Assert.Throws<KeyNotFoundException>(() => server.IrcTlsPort);
    }

    [Fact]
    public async Task TheServerLogsTheCertificateFingerprintAtStart()
    {
        var logs = new LogCapture();
        await using var server = await TestServer.StartAsync(logs.AddTo, certificate.Setting, LogTlsAtInformation);

        Assert.Contains(logs.Messages(LogEventLevel.Information), m => m.Contains($"SHA-256 fingerprint \"{certificate.Fingerprint}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DevCertCreatesACertificateTheTlsEndpointThenUses()
    {
        var path = Path.Combine(certificate.Folder, "dev", "chat-dev.pfx");
        var setting = $"--Chat:Tls:DevelopmentCertificate={path}";
        var output = new StringWriter();

        Assert.Equal(0, await DevCertCommand.RunAsync([setting], output));
        var fingerprint = FingerprintIn(output.ToString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var logs = new LogCapture();
        await using (var server = await TestServer.StartAsync(logs.AddTo, setting[2..], LogTlsAtInformation))
        {
            await using var client = await server.ConnectTlsAsync(fingerprint);
            Assert.Contains(logs.Messages(LogEventLevel.Information), m => m.Contains(fingerprint, StringComparison.Ordinal));
        }

        // Run again, the certificate and so every pin stays; --force makes a new one.
        output = new StringWriter();
        Assert.Equal(0, await DevCertCommand.RunAsync([setting], output));
        Assert.Contains("already exists", output.ToString());
        Assert.Equal(fingerprint, FingerprintIn(output.ToString()));
        output = new StringWriter();
        Assert.Equal(0, await DevCertCommand.RunAsync([setting, "--force"], output));
        Assert.NotEqual(fingerprint, FingerprintIn(output.ToString()));
    }

    [Fact]
    public async Task AnHttpsUrlOnThePlainChatEndpointServesTlsNeverPlaintext()
    {
        await using var server = await TestServer.StartAsync(
            "Kestrel:Endpoints:Chat:Url=https://127.0.0.1:0", $"Kestrel:Endpoints:Chat:Certificate:Path={certificate.PfxPath}");

        await using (var plaintext = await TestClient.ConnectAsync(server.ChatPort))
        {
            await plaintext.SendAsync("mallory");
            Assert.DoesNotContain(await plaintext.ExpectClosedAsync(TimeSpan.FromSeconds(5)), line => line.Contains("Welcome", StringComparison.Ordinal));
        }

        await using var tls = await TestClient.ConnectTlsAsync(server.ChatPort, CertificatePinning.CreateCallback(certificate.Fingerprint));
        await tls.ExpectAsync("Enter your name");
    }

    [Fact]
    public async Task AnHttpUrlOnTheTlsEndpointStopsStartup()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestServer.StartAsync($"Kestrel:Endpoints:{ChatTlsEndpoint.Name}:Url=http://127.0.0.1:0"));

        Assert.Contains("must be https://", error.Message);
    }

    [Fact]
    public async Task AMissingCertificateFileStopsStartupNamingTheSetting()
    {
        var missing = Path.Combine(certificate.Folder, "missing.pfx");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestServer.StartAsync($"Kestrel:Endpoints:{ChatTlsEndpoint.Name}:Certificate:Path={missing}"));

        Assert.Contains($"Kestrel:Endpoints:ChatTls:Certificate:Path is {missing}, which does not exist", error.Message);
    }

    [Fact]
    public async Task AWrongPasswordStopsStartup()
    {
        var error = await Assert.ThrowsAsync<CryptographicException>(() =>
            TestServer.StartAsync(certificate.Setting, $"Kestrel:Endpoints:{ChatTlsEndpoint.Name}:Certificate:Password=wrong"));

        Assert.Contains("password", error.Message);
    }

    [Fact]
    public async Task APemCertificateAndKeyWorkTheStandardKestrelWay()
    {
        using var loaded = certificate.Load();
        using var privateKey = loaded.GetECDsaPrivateKey()!;
        var pem = Path.Combine(certificate.Folder, "chat.pem");
        var key = Path.Combine(certificate.Folder, "chat.key");
        await File.WriteAllTextAsync(pem, loaded.ExportCertificatePem(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(key, privateKey.ExportPkcs8PrivateKeyPem(), TestContext.Current.CancellationToken);

        await using var server = await TestServer.StartAsync(
            $"Kestrel:Endpoints:{ChatTlsEndpoint.Name}:Certificate:Path={pem}",
            $"Kestrel:Endpoints:{ChatTlsEndpoint.Name}:Certificate:KeyPath={key}");

        await using var client = await server.ConnectTlsAsync(certificate.Fingerprint);
    }

    private static string FingerprintIn(string output) =>
        output.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("SHA-256:", StringComparison.Ordinal))["SHA-256:".Length..].Trim();
}
