using System.Security.Authentication;

namespace Chat.Client;

/// <summary>
/// The client refused the server's TLS certificate; the message says why (failed validation with its errors, or
/// a pin mismatch naming both fingerprints). Never followed by a plaintext attempt, and fatal on reconnect too:
/// a certificate that changed under a pin is what an attacker in the middle looks like.
/// </summary>
public sealed class ChatCertificateException(string message, Exception? inner = null) : AuthenticationException(message, inner);
