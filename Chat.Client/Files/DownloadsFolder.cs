namespace Chat.Client.Files;

/// <summary>
/// Where <c>/save</c> puts files unless told otherwise: the XDG download directory (<c>XDG_DOWNLOAD_DIR</c>, from the
/// environment or the <c>user-dirs.dirs</c> file that desktop sessions keep), else <c>~/Downloads</c>.
/// </summary>
public static class DownloadsFolder
{
    private const string Key = "XDG_DOWNLOAD_DIR";

    public static string Default()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var folder = Environment.GetEnvironmentVariable(Key) is { Length: > 0 } set ? set : FromUserDirs(home);
        return folder?.Replace("$HOME", home, StringComparison.Ordinal) ?? Path.Join(home, "Downloads");
    }

    /// <summary>The <c>XDG_DOWNLOAD_DIR="$HOME/Downloads"</c> line of <c>$XDG_CONFIG_HOME/user-dirs.dirs</c>, if there is one.</summary>
    private static string? FromUserDirs(string home)
    {
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } set ? set : Path.Join(home, ".config");
        var file = Path.Join(config, "user-dirs.dirs");
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Select(line => line.Trim())
            .Where(line => line.StartsWith(Key + "=", StringComparison.Ordinal))
            .Select(line => line[(Key.Length + 1)..].Trim('"'))
            .LastOrDefault(value => value.Length > 0);
    }
}
