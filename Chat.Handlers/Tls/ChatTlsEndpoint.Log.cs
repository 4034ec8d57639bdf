using System.Security.Authentication;
using Microsoft.Extensions.Logging;

namespace Chat.Handlers.Tls;

public sealed partial class ChatTlsEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(200, LogLevel.Information,
            "TLS endpoint {Endpoint} on {Url}: certificate {Subject}, SHA-256 fingerprint {Fingerprint}, valid until {NotAfter:yyyy-MM-dd}, protocols {Protocols}")]
        public static partial void Enabled(ILogger logger, string endpoint, string? url, string subject, string fingerprint, DateTime notAfter, SslProtocols protocols);

        [LoggerMessage(201, LogLevel.Warning,
            "TLS endpoint {Endpoint} ({Url}) is off: no certificate is configured and there is no development certificate at {DevelopmentCertificate}. Create one with 'dotnet run --project Chat.Host -- dev-cert' or give the endpoint a Certificate under Kestrel:Endpoints.")]
        public static partial void Skipped(ILogger logger, string endpoint, string? url, string developmentCertificate);
    }
}
