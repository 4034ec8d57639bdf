using Microsoft.AspNetCore.StaticFiles;

namespace Chat.Host;

/// <summary>The chat page's response headers (docs/WEB.md).</summary>
public static class ChatPageHeaders
{
    /// <summary>
    /// Its own scripts and styles only, no inline script; images from data: and blob: URLs (payloads); WebSockets
    /// to the server. Trusted Types make any HTML-parsing sink (innerHTML and the like) throw, so text cannot become
    /// markup even by mistake.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
        "connect-src 'self' ws: wss:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
        "require-trusted-types-for 'script'";

    public static void Add(StaticFileResponseContext file)
    {
        var headers = file.Context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
