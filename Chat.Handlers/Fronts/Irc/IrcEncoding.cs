using System.Text;
using System.Text.Unicode;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>Decodes what IRC clients send: UTF-8 when it is valid, otherwise Windows-1252.</summary>
/// <remarks>
/// Clients not set to UTF-8 (older mIRC and HexChat on Windows, irssi with a legacy charset) send Latin-1 or its
/// Windows superset; decoding those bytes as Windows-1252 keeps "café" readable where U+FFFD would not. Windows-1252
/// rather than ISO-8859-1 because its 0x80-0x9F are printable (€, curly quotes) where Latin-1's are C1 controls
/// that the sanitizer removes. Each field is decoded on its own, so one legacy parameter does not spoil the others.
/// </remarks>
internal static class IrcEncoding
{
    private static readonly Encoding Legacy = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    public static string Decode(ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? "" : Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Legacy.GetString(bytes);
}
