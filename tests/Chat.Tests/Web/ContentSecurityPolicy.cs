using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Web;

/// <summary>
/// The chat page's Content-Security-Policy: its own scripts and styles only, no inline script, images from
/// data: and blob: URLs (payloads), WebSockets to the server. Trusted Types make any HTML-parsing sink (innerHTML
/// and the like) throw, so the page cannot insert text as markup even by mistake. The browser tests serve the
/// page under it, so a violation shows up as a console error.
/// </summary>
public static class ContentSecurityPolicy
{
    public const string Value =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
        "connect-src 'self' ws: wss:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
        "require-trusted-types-for 'script'";

    /// <summary>Adds the header to every response of a test host (until the host sends it itself).</summary>
    public static void AddTo(WebApplicationBuilder builder) => builder.Services.AddSingleton<IStartupFilter, HeaderFilter>();

    private sealed class HeaderFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Response.Headers.ContentSecurityPolicy = Value;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
