using System.ComponentModel.DataAnnotations;
using System.Security.Authentication;

namespace Chat.Handlers.Tls;

/// <summary>
/// The <c>Chat:Tls</c> section (docs/CONFIGURATION.md). The certificate itself is configured the Kestrel way on
/// the <c>Kestrel:Endpoints:ChatTls</c> endpoint; these are the chat port's own TLS rules.
/// </summary>
public sealed class ChatTlsOptions
{
    public const string Section = "Chat:Tls";

    /// <summary>The oldest TLS version accepted: <c>Tls12</c> or <c>Tls13</c>.</summary>
    [AllowedValues(SslProtocols.Tls12, SslProtocols.Tls13, ErrorMessage = "Chat:Tls:MinimumVersion must be Tls12 or Tls13.")]
    public SslProtocols MinimumVersion { get; set; } = SslProtocols.Tls12;

    /// <summary>How long a connection may take to complete its handshake, so a silent peer cannot hold a slot.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The certificate <c>dev-cert</c> writes, used when <c>ChatTls</c> has no certificate of its own. A relative
    /// path starts at the content root (the server binary's folder), as Kestrel's certificate paths do, so
    /// <c>dotnet run</c> and the binary started from anywhere find the same file.
    /// </summary>
    [Required, MinLength(1)]
    public string DevelopmentCertificate { get; set; } = "certs/chat-dev.pfx";

    /// <summary>The versions <see cref="MinimumVersion"/> allows.</summary>
    public SslProtocols AllowedVersions => MinimumVersion == SslProtocols.Tls13 ? SslProtocols.Tls13 : SslProtocols.Tls12 | SslProtocols.Tls13;

    public string DevelopmentCertificatePath(string contentRoot) => Path.GetFullPath(DevelopmentCertificate, contentRoot);
}
