using System.Buffers;
using System.Text;

namespace Chat.Handlers;

/// <summary>
/// IRC text formatting (bold, colours, italics …) as the Modern IRC formatting document describes it. Chat text in
/// the core may carry these codes (<see cref="ContentSanitizer.SanitizeChat"/> keeps them): IRC users see them, and the
/// fronts that cannot show them strip them when they write (<see cref="Strip"/>).
/// </summary>
public static class IrcFormatting
{
    public const char Bold = '\x02';
    public const char Colour = '\x03';
    public const char HexColour = '\x04';
    public const char Reset = '\x0F';
    public const char Monospace = '\x11';
    public const char Reverse = '\x16';
    public const char Italic = '\x1D';
    public const char Strikethrough = '\x1E';
    public const char Underline = '\x1F';

    /// <summary>Every formatting code, for <see cref="ContentSanitizer"/> to let through.</summary>
    internal const string AllCodes = "\x02\x03\x04\x0F\x11\x16\x1D\x1E\x1F";

    private static readonly SearchValues<char> Codes = SearchValues.Create(AllCodes);

    /// <summary>
    /// Removes every formatting code with its colour numbers: <c>\x03</c> with up to two digits and an optional
    /// <c>,</c> and one or two more, <c>\x04</c> with six hex digits and an optional <c>,</c> and six more.
    /// A comma not followed by a colour stays text. Text without codes is returned as is, without copying.
    /// </summary>
    public static string Strip(string text)
    {
        var first = text.AsSpan().IndexOfAny(Codes);
        if (first < 0)
        {
            return text;
        }

        var plain = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length;)
        {
            var c = text[i++];
            if (c == Colour)
            {
                i = SkipColour(text, i, digits: 2, char.IsAsciiDigit, exact: false);
            }
            else if (c == HexColour)
            {
                i = SkipColour(text, i, digits: 6, char.IsAsciiHexDigit, exact: true);
            }
            else if (!Codes.Contains(c))
            {
                plain.Append(c);
            }
        }

        return plain.ToString();
    }

    /// <summary>Skips <c>fg[,bg]</c> after a colour code; returns where the text resumes.</summary>
    private static int SkipColour(string text, int start, int digits, Func<char, bool> isDigit, bool exact)
    {
        var foreground = CountDigits(text, start, digits, isDigit, exact);
        if (foreground == 0)
        {
            return start;
        }

        var comma = start + foreground;
        if (comma < text.Length && text[comma] == ',')
        {
            var background = CountDigits(text, comma + 1, digits, isDigit, exact);
            if (background > 0)
            {
                return comma + 1 + background;
            }
        }

        return comma;
    }

    /// <summary>How many colour digits start at <paramref name="start"/>: up to <paramref name="max"/>, or exactly that many.</summary>
    private static int CountDigits(string text, int start, int max, Func<char, bool> isDigit, bool exact)
    {
        var count = 0;
        while (count < max && start + count < text.Length && isDigit(text[start + count]))
        {
            count++;
        }

        return exact && count < max ? 0 : count;
    }
}
