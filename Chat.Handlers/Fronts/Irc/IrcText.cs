using System.Text;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>Cuts chat text into pieces that each fit one IRC line.</summary>
internal static class IrcText
{
    /// <summary>
    /// Pieces of at most <paramref name="maxBytes"/> UTF-8 bytes each: cut after the last space of a piece when there is
    /// one in its second half (the space itself is dropped), else between two characters, never inside one.
    /// </summary>
    public static IEnumerable<string> Split(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            yield return text;
            yield break;
        }

        var start = 0;
        while (start < text.Length)
        {
            var end = start;
            var bytes = 0;
            while (end < text.Length)
            {
                var width = char.IsHighSurrogate(text[end]) && end + 1 < text.Length ? 2 : 1;
                var size = Encoding.UTF8.GetByteCount(text.AsSpan(end, width));
                if (bytes + size > maxBytes)
                {
                    break;
                }

                bytes += size;
                end += width;
            }

            if (end == start)
            {
                // Not even one character fits: send it alone rather than never progress.
                end += char.IsHighSurrogate(text[end]) && end + 1 < text.Length ? 2 : 1;
            }

            if (end == text.Length)
            {
                yield return text[start..];
                yield break;
            }

            var space = text.LastIndexOf(' ', end - 1, end - start);
            if (space > start + (end - start) / 2)
            {
                yield return text[start..space];
                start = space + 1;
            }
            else
            {
                yield return text[start..end];
                start = end;
            }
        }
    }
}
