namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// The <c>ascii</c> casemapping (advertised as CASEMAPPING=ascii): only A-Z and a-z are the same letter in two cases.
/// </summary>
/// <remarks>
/// Not <c>rfc1459</c>, which also makes <c>[]\~</c> the upper case of <c>{}|^</c>, a leftover of Scandinavian
/// 7-bit charsets: under it "[bot]" and "{bot}" would be one IRC nick but two names for the other fronts, whose
/// names compare with ordinal case-insensitivity. On ASCII names (the only ones <see cref="Names"/> allows) that
/// comparison is exactly <c>ascii</c>, so every front agrees on who is who. Modern servers (Ergo) use it too.
/// </remarks>
public static class IrcCaseMapping
{
    public const string Name = "ascii";

    /// <summary>Equality and hashing under the ascii casemapping, for dictionaries keyed by nick or channel.</summary>
    public static IEqualityComparer<string> Comparer { get; } = new AsciiComparer();

    /// <summary>The lower-case form; the same instance when it has no upper-case ASCII letter.</summary>
    public static string Fold(string value) =>
        value.AsSpan().ContainsAnyInRange('A', 'Z') ? string.Create(value.Length, value, static (folded, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                folded[i] = FoldChar(source[i]);
            }
        }) : value;

    private static char FoldChar(char c) => char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;

    private sealed class AsciiComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y)
        {
            if (x is null || y is null)
            {
                return ReferenceEquals(x, y);
            }

            if (x.Length != y.Length)
            {
                return false;
            }

            for (var i = 0; i < x.Length; i++)
            {
                if (FoldChar(x[i]) != FoldChar(y[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(string value)
        {
            var hash = new HashCode();
            foreach (var c in value)
            {
                hash.Add(FoldChar(c));
            }

            return hash.ToHashCode();
        }
    }
}
