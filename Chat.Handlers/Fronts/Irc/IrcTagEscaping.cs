using System.Buffers;
using System.Text.Unicode;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// IRCv3 tag value escaping: ';' as <c>\:</c>, space as <c>\s</c>, '\' as <c>\\</c>, CR as <c>\r</c>, LF as <c>\n</c>.
/// </summary>
internal static class IrcTagEscaping
{
    private static readonly SearchValues<char> Escaped = SearchValues.Create("; \\\r\n\0");

    /// <summary>
    /// Undoes the escaping. As IRCv3 says, a backslash before any other character is dropped and the character
    /// kept, and a lone backslash at the end is dropped.
    /// </summary>
    public static string Unescape(ReadOnlySpan<byte> escaped)
    {
        if (!escaped.Contains((byte)'\\'))
        {
            return IrcEncoding.Decode(escaped);
        }

        // Tag data a client may send is bounded (IrcLimits.MaxClientTagDataBytes), so this fits the stack.
        Span<byte> value = stackalloc byte[escaped.Length];
        var length = 0;
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] != (byte)'\\')
            {
                value[length++] = escaped[i];
            }
            else if (++i < escaped.Length)
            {
                value[length++] = escaped[i] switch
                {
                    (byte)':' => (byte)';',
                    (byte)'s' => (byte)' ',
                    (byte)'r' => (byte)'\r',
                    (byte)'n' => (byte)'\n',
                    var other => other,
                };
            }
        }

        return IrcEncoding.Decode(value[..length]);
    }

    /// <summary>
    /// Writes the escaped UTF-8 value, whole or not at all: false when it does not fit <paramref name="destination"/>.
    /// NUL has no escape and cannot travel in a line, so it is dropped.
    /// </summary>
    public static bool TryWrite(ReadOnlySpan<char> value, Span<byte> destination, out int written)
    {
        written = 0;
        while (!value.IsEmpty)
        {
            var special = value.IndexOfAny(Escaped);
            var run = special < 0 ? value : value[..special];
            if (Utf8.FromUtf16(run, destination[written..], out _, out var runBytes) != OperationStatus.Done)
            {
                return false;
            }

            written += runBytes;
            if (special < 0)
            {
                break;
            }

            if (value[special] != '\0')
            {
                if (destination.Length - written < 2)
                {
                    return false;
                }

                destination[written++] = (byte)'\\';
                destination[written++] = value[special] switch
                {
                    ';' => (byte)':',
                    ' ' => (byte)'s',
                    '\r' => (byte)'r',
                    '\n' => (byte)'n',
                    _ => (byte)'\\',
                };
            }

            value = value[(special + 1)..];
        }

        return true;
    }
}
