using System.Buffers;
using System.Text;

namespace Chat.Handlers;

/// <summary>
/// Makes user text safe to show on another user's terminal. Removes C0 and C1 control characters (NUL, CR, LF,
/// ESC, DEL, ...) except tab; whole ESC sequences (CSI such as <c>ESC[31m</c>, OSC such as a window title, other
/// strings and two-character escapes), so no parameter bytes are left behind; bidirectional embeddings, overrides
/// and isolates (U+202A-U+202E, U+2066-U+2069), which can make text read backwards; and line and paragraph
/// separators (U+2028, U+2029). Text with none of these is returned as is, without copying. Chat text
/// (<see cref="SanitizeChat"/>) keeps IRC's formatting codes, which fronts other than IRC strip when they write.
/// </summary>
public static class ContentSanitizer
{
    private const char Escape = '\u001b';
    private const char Bell = '\u0007';
    private const char StringTerminator = '\u009c';

    private const string UnsafeCharacters =
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f" +
        "\u007f\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f" +
        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029";

    private static readonly SearchValues<char> Unsafe = SearchValues.Create(UnsafeCharacters);

    private static readonly SearchValues<char> UnsafeInChat = SearchValues.Create(
        string.Concat(UnsafeCharacters.Where(c => !IrcFormatting.AllCodes.Contains(c))));

    public static string Sanitize(string text) => Sanitize(text, Unsafe);

    /// <summary>
    /// For chat text (messages, actions, topics, reasons): as <see cref="Sanitize(string)"/>, but IRC formatting codes
    /// (bold, colour …) stay for IRC users; text and JSON users never see them (<see cref="IrcFormatting.Strip"/>).
    /// </summary>
    public static string SanitizeChat(string text) => Sanitize(text, UnsafeInChat);

    private static string Sanitize(string text, SearchValues<char> unsafeCharacters)
    {
        var first = text.AsSpan().IndexOfAny(unsafeCharacters);
        if (first < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length;)
        {
            var c = text[i];
            if (c == Escape)
            {
                i = SkipEscapeSequence(text, i + 1);
            }
            else
            {
                if (!unsafeCharacters.Contains(c))
                {
                    clean.Append(c);
                }

                i++;
            }
        }

        return clean.ToString();
    }

    /// <summary>Returns the index after the sequence whose introducer (after ESC) is at <paramref name="i"/> (ECMA-48).</summary>
    private static int SkipEscapeSequence(string text, int i)
    {
        if (i >= text.Length)
        {
            return i;
        }

        switch (text[i])
        {
            case '[':
                // CSI: parameter and intermediate bytes, then one final byte.
                i++;
                while (i < text.Length && text[i] is >= '\u0020' and <= '\u003f')
                {
                    i++;
                }

                return i < text.Length && text[i] is >= '\u0040' and <= '\u007e' ? i + 1 : i;

            case ']' or 'P' or 'X' or '^' or '_':
                // OSC, DCS, SOS, PM, APC: a string up to BEL or ST; a terminal swallows an unterminated one, so do we.
                for (i++; i < text.Length; i++)
                {
                    if (text[i] is Bell or StringTerminator)
                    {
                        return i + 1;
                    }

                    if (text[i] == Escape && i + 1 < text.Length && text[i + 1] == '\\')
                    {
                        return i + 2;
                    }
                }

                return i;

            default:
                // Other escapes: intermediate bytes, then one final byte (ESC c, ESC ( B, ...).
                while (i < text.Length && text[i] is >= '\u0020' and <= '\u002f')
                {
                    i++;
                }

                return i < text.Length && text[i] is >= '\u0030' and <= '\u007e' ? i + 1 : i;
        }
    }
}
