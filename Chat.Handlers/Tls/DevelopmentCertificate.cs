using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Chat.Handlers.Tls;

/// <summary>
/// A self-signed certificate for trying TLS on one machine: ECDsa P-256, <c>CN=localhost</c>, valid for
/// <c>localhost</c>, <c>127.0.0.1</c> and <c>::1</c>, server authentication only. Clients pin its fingerprint.
/// </summary>
public static class DevelopmentCertificate
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    public static X509Certificate2 Create(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);

        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        // A little slack before now, so a peer whose clock runs slightly behind still accepts it.
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(Lifetime));
    }

    /// <summary>Writes the certificate with its private key as a PFX without a password, readable by the owner only.</summary>
    public static void Save(X509Certificate2 certificate, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var pfx = certificate.Export(X509ContentType.Pfx);
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, create);
        file.Write(pfx);
    }
}
