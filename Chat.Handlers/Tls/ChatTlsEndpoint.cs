using System.Security.Authentication;
using Chat.Handlers.Hosting;
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
/// The TLS chat ports (<c>Kestrel:Endpoints:ChatTls</c>, <c>IrcTls</c>: every <see cref="ChatEndpoint"/> marked
/// <see cref="ChatEndpoint.Tls"/>): decides whether each is bound at all, and puts Kestrel's TLS middleware in front
/// of the chat handler with the chat ports' TLS rules.
/// </summary>
public sealed partial class ChatTlsEndpoint(
    IEnumerable<ChatEndpoint> endpoints, IOptions<ChatTlsOptions> options, IHostEnvironment environment, ILogger<ChatTlsEndpoint> logger)
{
    /// <summary>The line front's TLS endpoint.</summary>
    public const string Name = "ChatTls";

    private static readonly string[] CertificateFileKeys = ["Path", "KeyPath"];

    private readonly string[] _names = [.. endpoints.Where(e => e.Tls).Select(e => e.Name)];

    /// <summary>
    /// The Kestrel section to load. A TLS endpoint with a certificate of its own (or Kestrel's default one) is left
    /// as configured, so a broken certificate stops startup. Without one it gets the development certificate when
    /// that file exists; otherwise it is left out with a warning, and the plain ports keep working.
    /// </summary>
    /// <exception cref="InvalidOperationException">An endpoint is not https, or its certificate or key file does not exist.</exception>
    public IConfiguration SelectConfiguration(IConfigurationSection kestrel)
    {
        var development = options.Value.DevelopmentCertificatePath(environment.ContentRootPath);
        var left = new List<string>();
        var given = new List<KeyValuePair<string, string?>>();
        foreach (var name in _names)
        {
            var key = "Endpoints:" + name;
            var endpoint = kestrel.GetSection(key);
            if (endpoint["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) != true)
            {
                throw new InvalidOperationException(
                    $"Kestrel:Endpoints:{name}:Url is '{endpoint["Url"]}': a TLS chat port must be https://, or it would serve plaintext.");
            }

            if (HasCertificate(kestrel, endpoint))
            {
                EnsureFilesExist(endpoint.GetSection("Certificate"));
            }
            else if (File.Exists(development))
            {
                given.Add(new($"{key}:Certificate:Path", development));
            }
            else
            {
                Log.Skipped(logger, name, endpoint["Url"], development);
                left.Add(key);
            }
        }

        return left.Count == 0 && given.Count == 0 ? kestrel : Copy(kestrel, left, given);
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
                $"Kestrel:Endpoints:{endpoint.ConfigSection.Key}:SslProtocols and Chat:Tls:MinimumVersion ({options.Value.MinimumVersion}) leave no TLS version to use.");
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

    private static IConfiguration Copy(IConfigurationSection kestrel, List<string> without, List<KeyValuePair<string, string?>> extra)
    {
        var settings = kestrel.AsEnumerable(makePathsRelative: true)
            .Where(setting => !without.Any(section => IsUnder(setting.Key, section)))
            .Concat(extra);
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    private static bool IsUnder(string key, string section) =>
        key.Equals(section, StringComparison.OrdinalIgnoreCase) || key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase);
}
