using System.Security.Authentication;
using Chat.Protocol;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Tls;

/// <summary>
/// The TLS chat port, <c>Kestrel:Endpoints:ChatTls</c>: decides whether it is bound at all, and puts Kestrel's
/// TLS middleware in front of the chat handler with the chat port's TLS rules.
/// </summary>
public sealed partial class ChatTlsEndpoint(IOptions<ChatTlsOptions> options, IHostEnvironment environment, ILogger<ChatTlsEndpoint> logger)
{
    public const string Name = "ChatTls";

    private const string EndpointKey = "Endpoints:" + Name;

    private static readonly string[] CertificateFileKeys = ["Path", "KeyPath"];

    /// <summary>
    /// The Kestrel section to load. A ChatTls endpoint with a certificate of its own (or Kestrel's default one) is
    /// left as configured, so a broken certificate stops startup. Without one it gets the development certificate
    /// when that file exists; otherwise it is left out with one warning, and the plain chat port keeps working.
    /// </summary>
    /// <exception cref="InvalidOperationException">The endpoint's certificate or key file does not exist.</exception>
    public IConfiguration SelectConfiguration(IConfigurationSection kestrel)
    {
        var endpoint = kestrel.GetSection(EndpointKey);
        if (endpoint["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw new InvalidOperationException(
                $"Kestrel:Endpoints:{Name}:Url is '{endpoint["Url"]}': the TLS chat port must be https://, or it would serve plaintext.");
        }

        if (HasCertificate(kestrel, endpoint))
        {
            EnsureFilesExist(endpoint.GetSection("Certificate"));
            return kestrel;
        }

        var development = options.Value.DevelopmentCertificatePath(environment.ContentRootPath);
        if (File.Exists(development))
        {
            return Copy(kestrel, without: null, [new($"{EndpointKey}:Certificate:Path", development)]);
        }

        Log.Skipped(logger, Name, endpoint["Url"], development);
        return Copy(kestrel, without: EndpointKey, []);
    }

    /// <summary>
    /// Adds Kestrel's TLS middleware to a chat endpoint served over https (ChatTls, or Chat given an https URL). Call it before adding the chat
    /// handler: the handler never calls the rest of the chain, so TLS added after it would leave the port plaintext.
    /// </summary>
    public void UseTls(EndpointConfiguration endpoint)
    {
        if (!endpoint.IsHttps)
        {
            return;
        }

        var https = endpoint.HttpsOptions;
        var allowed = options.Value.AllowedVersions;
        // The endpoint's own Kestrel SslProtocols may narrow the versions further, never widen them.
        https.SslProtocols = https.SslProtocols == SslProtocols.None ? allowed : https.SslProtocols & allowed;
        if (https.SslProtocols == SslProtocols.None)
        {
            throw new InvalidOperationException(
                $"Kestrel:Endpoints:{Name}:SslProtocols and Chat:Tls:MinimumVersion ({options.Value.MinimumVersion}) leave no TLS version to use.");
        }

        https.HandshakeTimeout = options.Value.HandshakeTimeout;
        endpoint.ListenOptions.UseHttps(https);

        if (https.ServerCertificate is { } certificate)
        {
            Log.Enabled(logger, endpoint.ConfigSection.Key, endpoint.ConfigSection["Url"], certificate.Subject,
                CertificateFingerprint.Sha256(certificate), certificate.NotAfter, https.SslProtocols);
        }
    }

    /// <summary>Kestrel would fail on a missing file too, but without naming the setting; this error says which one.</summary>
    private void EnsureFilesExist(IConfigurationSection certificate)
    {
        foreach (var key in CertificateFileKeys)
        {
            if (string.IsNullOrEmpty(certificate[key]))
            {
                continue;
            }

            var file = Path.Combine(environment.ContentRootPath, certificate[key]!);
            if (!File.Exists(file))
            {
                throw new InvalidOperationException(
                    $"{certificate.Path}:{key} is {file}, which does not exist (relative paths start at {environment.ContentRootPath}).");
            }
        }
    }

    private static bool HasCertificate(IConfigurationSection kestrel, IConfigurationSection endpoint) =>
        endpoint.GetSection("Certificate").GetChildren().Any() || kestrel.GetSection("Certificates:Default").GetChildren().Any();

    private static IConfiguration Copy(IConfigurationSection kestrel, string? without, KeyValuePair<string, string?>[] extra)
    {
        var settings = kestrel.AsEnumerable(makePathsRelative: true)
            .Where(setting => without is null || !IsUnder(setting.Key, without))
            .Concat(extra);
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    private static bool IsUnder(string key, string section) =>
        key.Equals(section, StringComparison.OrdinalIgnoreCase) || key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase);
}
