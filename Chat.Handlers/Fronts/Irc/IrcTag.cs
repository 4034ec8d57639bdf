using System.Buffers;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// One IRCv3 message tag. A missing value and an empty one mean the same (IRCv3), so <see cref="Value"/> is never null.
/// </summary>
public readonly record struct IrcTag
{
    private static readonly SearchValues<char> NameCharacters =
        SearchValues.Create("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static readonly SearchValues<char> VendorCharacters =
        SearchValues.Create("-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    public IrcTag(string key, string value = "")
    {
        if (!IsValidKey(key))
        {
            throw new ArgumentException($"'{key}' is not a valid IRC tag key.", nameof(key));
        }

        Key = key;
        Value = value ?? "";
    }

    /// <summary><c>[+][vendor/]name</c>, case-sensitive.</summary>
    public string Key { get; }

    /// <summary>The unescaped value; the writer escapes it.</summary>
    public string Value { get; }

    /// <summary>Tags starting with '+' are sent by clients for other clients; the server only relays them.</summary>
    public bool IsClientOnly => Key.StartsWith('+');

    /// <summary>
    /// <c>[+][vendor/]name</c>: the name is ASCII letters, digits and '-'; the vendor is a host name
    /// (letters, digits, '-' and '.').
    /// </summary>
    public static bool IsValidKey(ReadOnlySpan<char> key)
    {
        if (key.StartsWith('+'))
        {
            key = key[1..];
        }

        var slash = key.IndexOf('/');
        if (slash >= 0)
        {
            var vendor = key[..slash];
            if (vendor.IsEmpty || vendor.ContainsAnyExcept(VendorCharacters))
            {
                return false;
            }

            key = key[(slash + 1)..];
        }

        return !key.IsEmpty && !key.ContainsAnyExcept(NameCharacters);
    }
}
