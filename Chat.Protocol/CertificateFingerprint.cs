using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Chat.Protocol;

/// <summary>
/// SHA-256 certificate fingerprints, in the form the server logs and a client pins: 64 uppercase hex digits of
/// the hash of the whole DER certificate. Parsing also takes lowercase and the colon-separated form that
/// <c>openssl x509 -noout -fingerprint -sha256</c> prints.
/// </summary>
public static class CertificateFingerprint
{
    private const int HexLength = 64;

    public static string Sha256(X509Certificate certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    public static bool TryParse(string? text, [NotNullWhen(true)] out string? fingerprint)
    {
        fingerprint = null;
        if (text is null)
        {
            return false;
        }

        var hex = string.Concat(text.Where(c => c is not (':' or ' '))).ToUpperInvariant();
        if (hex.Length != HexLength || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        fingerprint = hex;
        return true;
    }
}
