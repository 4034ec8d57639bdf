using System.Security.Cryptography.X509Certificates;
using Chat.Handlers.Tls;
using Chat.Protocol;

namespace Chat.Tests.Tls;

/// <summary>A development certificate in a temporary folder, shared by the tests of one class.</summary>
public sealed class TestCertificate : IDisposable
{
    public TestCertificate()
    {
        Directory.CreateDirectory(Folder);
        using var certificate = DevelopmentCertificate.Create(DateTimeOffset.UtcNow);
        DevelopmentCertificate.Save(certificate, PfxPath);
        Fingerprint = CertificateFingerprint.Sha256(certificate);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "chat-tls-" + Guid.NewGuid().ToString("N"));

    public string PfxPath => Path.Combine(Folder, "chat.pfx");

    public string Fingerprint { get; }

    /// <summary>The setting that gives the TLS endpoint this certificate, the standard Kestrel way.</summary>
    public string Setting => $"Kestrel:Endpoints:{ChatTlsEndpoint.Name}:Certificate:Path={PfxPath}";

    public X509Certificate2 Load() => X509CertificateLoader.LoadPkcs12FromFile(PfxPath, null);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
