using System.Globalization;
using System.Text;

namespace Chat.Client.Files;

/// <summary>
/// A received file name is the sender's word, never a path. <see cref="Sanitize"/> keeps only its last component
/// and the characters that are safe in a file name on every platform; <see cref="SaveAsync"/> writes into the chosen
/// folder only, and never over an existing file.
/// </summary>
public static class SafeFileName
{
    /// <summary>The name used when nothing usable is left (plus the type's usual extension).</summary>
    public const string Fallback = "file";

    /// <summary>Long enough for real names, short enough for every file system even with a "(n)" suffix.</summary>
    public const int MaxLength = 120;

    private const int MaxCopies = 1000;

    // Windows forbids these too: a file saved here stays a valid name wherever it is copied to.
    private const string Forbidden = "<>:\"|?*/\\";

    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>
    /// A plain file name made from <paramref name="name"/>: its last component (after any '/' or '\'), without control,
    /// formatting (bidi overrides) or forbidden characters, without leading dots (no hidden files, no '..') or trailing
    /// dots and spaces, not a Windows device name, at most <see cref="MaxLength"/> characters. When nothing is left:
    /// <see cref="Fallback"/> with the usual extension of <paramref name="contentType"/>.
    /// </summary>
    public static string Sanitize(string? name, string? contentType = null)
    {
        var last = (name ?? "").Split('/', '\\')[^1];
        var kept = new StringBuilder(last.Length);
        foreach (var rune in last.EnumerateRunes())
        {
            if (rune != Rune.ReplacementChar && IsSafe(rune))
            {
                kept.Append(rune.ToString());
            }
        }

        var safe = kept.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        if (safe.Length == 0)
        {
            return Fallback + ContentTypes.ExtensionFor(contentType);
        }

        if (DeviceNames.Contains(safe.Split('.')[0].TrimEnd()))
        {
            safe = "_" + safe;
        }

        return Shorten(safe);
    }

    /// <summary>The full path of <paramref name="fileName"/> in <paramref name="folder"/>; throws <see cref="IOException"/> if it would land anywhere else.</summary>
    public static string PathInside(string folder, string fileName)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var full = Path.GetFullPath(Path.Join(root, fileName));
        if (!string.Equals(Path.GetDirectoryName(full), root, StringComparison.Ordinal))
        {
            throw new IOException($"'{fileName}' would not be saved inside {root}.");
        }

        return full;
    }

    /// <summary>
    /// Writes <paramref name="data"/> to a new file in <paramref name="folder"/> (created if missing), named after
    /// <paramref name="name"/> made safe; when that name is taken, <c>cat (1).png</c> and so on. Returns the full path.
    /// </summary>
    public static async Task<string> SaveAsync(string folder, string? name, string? contentType, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var safe = Sanitize(name, contentType);
        var stem = Path.GetFileNameWithoutExtension(safe);
        var extension = Path.GetExtension(safe);
        for (var copy = 0; copy < MaxCopies; copy++)
        {
            var path = PathInside(folder, copy == 0 ? safe : $"{stem} ({copy}){extension}");
            FileStream file;
            try
            {
                // CreateNew fails on any existing entry, a symbolic link included: nothing is overwritten or followed.
                file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
            }
            catch (IOException) when (Taken(path))
            {
                continue;
            }

            try
            {
                await using (file)
                {
                    await file.WriteAsync(data, cancellationToken);
                }

                return path;
            }
            catch
            {
                File.Delete(path);
                throw;
            }
        }

        throw new IOException($"{MaxCopies} files named like {safe} already exist in {Path.GetFullPath(folder)}.");
    }

    private static bool IsSafe(Rune rune) =>
        !Rune.IsControl(rune)
        && !(rune.IsAscii && Forbidden.Contains((char)rune.Value))
        && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);

    private static string Shorten(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length > 16)
        {
            extension = "";
        }

        var stem = name[..(MaxLength - extension.Length)];
        // Never cut a surrogate pair in half.
        return (char.IsHighSurrogate(stem[^1]) ? stem[..^1] : stem).TrimEnd('.', ' ') + extension;
    }

    private static bool Taken(string path)
    {
        var entry = new FileInfo(path);
        return entry.Exists || entry.LinkTarget is not null || Directory.Exists(path);
    }
}
