using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Chat.Protocol;

/// <summary>
/// How a client checks the chat server's TLS certificate. With a pin, exactly the certificate whose SHA-256
/// fingerprint is the pin is accepted, whoever issued it and whatever names it holds (for self-signed servers);
/// without one, the platform's normal validation applies (trusted chain, matching host name).
/// </summary>
public static class CertificatePinning
{
    /// <summary>Null when <paramref name="certificate"/> is acceptable, otherwise why it is not.</summary>
    /// <param name="pin">A fingerprint already normalized by <see cref="CertificateFingerprint.TryParse"/>, or null for normal validation.</param>
    public static string? Check(X509Certificate? certificate, SslPolicyErrors errors, string? pin)
    {
        if (certificate is null)
        {
            return "The server sent no certificate.";
        }

        var actual = CertificateFingerprint.Sha256(certificate);
        if (pin is not null)
        {
            return string.Equals(actual, pin, StringComparison.Ordinal)
                ? null
                : $"The server's certificate (SHA-256 {actual}) does not match the pinned fingerprint {pin}.";
        }

        return errors == SslPolicyErrors.None
            ? null
            : $"The server's certificate (SHA-256 {actual}) failed validation: {errors}. A self-signed server needs its fingerprint pinned.";
    }

    /// <summary>
    /// A validation callback for <see cref="SslStream"/> that applies <see cref="Check"/>; <paramref name="rejected"/>
    /// hears why a certificate was refused, since the handshake's exception does not say.
    /// </summary>
    /// <exception cref="FormatException"><paramref name="pin"/> is not a SHA-256 fingerprint.</exception>
    public static RemoteCertificateValidationCallback CreateCallback(string? pin, Action<string>? rejected = null)
    {
        string? normalized = null;
        if (pin is not null && !CertificateFingerprint.TryParse(pin, out normalized))
        {
            throw new FormatException($"'{pin}' is not a SHA-256 fingerprint: expected 64 hex digits, colons allowed.");
        }

        return (_, certificate, _, errors) =>
        {
            if (Check(certificate, errors, normalized) is { } failure)
            {
                rejected?.Invoke(failure);
                return false;
            }

            return true;
        };
    }
}
