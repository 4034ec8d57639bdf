using System.Security.Cryptography.X509Certificates;
using Chat.Handlers.Tls;
using Chat.Protocol;

namespace Chat.Host;

/// <summary>
/// <c>dotnet run --project Chat.Host -- dev-cert [--force]</c>: writes a self-signed development certificate
/// where <c>Chat:Tls:DevelopmentCertificate</c> points, prints its fingerprint for clients to pin, and exits.
/// An existing certificate is kept (pins stay valid) unless <c>--force</c> is given.
/// </summary>
public static class DevCertCommand
{
    public const string Name = "dev-cert";

    private const string Force = "--force";

    /// <param name="args">The arguments after <c>dev-cert</c>; configuration overrides apply as for the server.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var force = args.Contains(Force);
        var builder = ChatHost.CreateBuilder([.. args.Where(a => a != Force)]);
        var options = builder.Configuration.GetSection(ChatTlsOptions.Section).Get<ChatTlsOptions>() ?? new();
        var path = options.DevelopmentCertificatePath(builder.Environment.ContentRootPath);

        if (File.Exists(path) && !force)
        {
            using var existing = X509CertificateLoader.LoadPkcs12FromFile(path, null);
            await output.WriteLineAsync($"A development certificate already exists at {path} (pass {Force} to replace it).");
            await WriteDetailsAsync(existing, output);
            return 0;
        }

        using var certificate = DevelopmentCertificate.Create(DateTimeOffset.UtcNow);
        DevelopmentCertificate.Save(certificate, path);
        await output.WriteLineAsync($"Created a development certificate at {path}.");
        await WriteDetailsAsync(certificate, output);
        return 0;
    }

    private static async Task WriteDetailsAsync(X509Certificate2 certificate, TextWriter output)
    {
        await output.WriteLineAsync($"  subject:     {certificate.Subject}, valid until {certificate.NotAfter:yyyy-MM-dd}");
        await output.WriteLineAsync($"  SHA-256:     {CertificateFingerprint.Sha256(certificate)}");
        await output.WriteLineAsync("The server uses it on its TLS endpoints (ChatTls, IrcTls) when no other certificate is configured;");
        await output.WriteLineAsync("clients pin the SHA-256 fingerprint above.");
    }
}
