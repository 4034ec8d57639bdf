using System.Globalization;

namespace Chat.Client.Files;

/// <summary>Sizes as people read them, in the form the server's text-mode summary line uses (<c>12.3 KB</c>).</summary>
public static class ByteSize
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.# KB", CultureInfo.InvariantCulture),
        _ => (bytes / (1024.0 * 1024)).ToString("0.# MB", CultureInfo.InvariantCulture),
    };
}
