using System.Text;

namespace Chat.Client.Terminal;

/// <summary>ANSI escape sequences for the interactive terminal: styles, and one stable colour per name.</summary>
public static class Ansi
{
    public const string ClearLine = "\r\u001b[2K";

    // Readable on dark and light backgrounds; blue (34) is left out, it is hard to read on black.
    private static readonly int[] NamePalette = [31, 32, 33, 35, 36, 91, 92, 93, 94, 95, 96];

    /// <summary>
    /// The colour code for <paramref name="name"/>: the same in every run and for every user (FNV-1a of the
    /// lower-case name; <see cref="string.GetHashCode()"/> is randomised per process).
    /// </summary>
    public static int NameColour(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return NamePalette[hash % (uint)NamePalette.Length];
    }

    public static string Render(StyledLine line, bool colour)
    {
        if (!colour)
        {
            return line.Text;
        }

        var text = new StringBuilder();
        foreach (var span in line.Spans)
        {
            var code = span.Style switch
            {
                Style.Name => $"1;{NameColour(span.Text)}",
                Style.Notice => "90",
                Style.Error => "1;31",
                Style.Time => "2",
                _ => null,
            };
            text.Append(code is null ? span.Text : $"\u001b[{code}m{span.Text}\u001b[0m");
        }

        return text.ToString();
    }
}
