using MimeKit;

namespace Chat.Client.Files;

/// <summary>
/// MIME types from file names and back, through MimeKit's maintained mapping rather than a table of our own.
/// Unknown extensions are <c>application/octet-stream</c>.
/// </summary>
public static class ContentTypes
{
    public const string Binary = "application/octet-stream";

    public static string FromFileName(string fileName) => MimeTypes.GetMimeType(fileName);

    /// <summary>The usual extension (with its dot) for <paramref name="contentType"/>, or "" when there is none.</summary>
    public static string ExtensionFor(string? contentType) =>
        contentType is not null && MimeTypes.TryGetExtension(contentType, out var extension) ? extension : "";
}
