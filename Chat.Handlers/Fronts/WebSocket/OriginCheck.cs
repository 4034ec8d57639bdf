using Chat.Handlers.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Fronts.WebSocket;

/// <summary>
/// Against cross-site WebSocket hijacking: a browser sends its page's <c>Origin</c> with every WebSocket request and
/// lets any site open one, so a request from a page of another origin is refused (403) before the upgrade. The
/// server's own origin is the request's scheme and Host; <see cref="WebSocketFrontOptions.AllowedOrigins"/> adds
/// others. A request without Origin does not come from a browser page, and cannot carry a visitor's identity.
/// </summary>
internal sealed partial class OriginCheck(IOptions<WebSocketFrontOptions> options, ChatMetrics metrics, ILogger<OriginCheck> logger)
{
    /// <summary>The reason of <see cref="ChatMetrics.ConnectionRefused"/> for a page of another origin.</summary>
    public const string RefusedOrigin = "websocket_origin";

    private readonly HashSet<string> _allowed = new(options.Value.AllowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    /// <summary>Wraps an endpoint's request delegate with the check.</summary>
    public RequestDelegate Wrap(RequestDelegate next) => context =>
    {
        if (IsAllowed(context.Request))
        {
            return next(context);
        }

        Log.Refused(logger, context.Request.Headers.Origin.ToString(), context.Connection.RemoteIpAddress?.ToString());
        metrics.ConnectionRefused(RefusedOrigin);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    };

    private bool IsAllowed(HttpRequest request)
    {
        var origins = request.Headers.Origin;
        if (origins.Count == 0)
        {
            return true;
        }

        if (origins.Count > 1 || origins[0] is not { Length: > 0 } origin)
        {
            return false;
        }

        return string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase)
            || _allowed.Contains(origin)
            || _allowed.Contains("*");
    }

    private static partial class Log
    {
        [LoggerMessage(750, LogLevel.Warning, "WebSocket from {RemoteAddress} refused: origin {Origin} is not allowed (Chat:WebSocket:AllowedOrigins)")]
        public static partial void Refused(ILogger logger, string origin, string? remoteAddress);
    }
}
