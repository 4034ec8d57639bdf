namespace Chat.Handlers.Fronts.WebSocket;

/// <summary>The <c>Chat:WebSocket</c> section (docs/CONFIGURATION.md).</summary>
public sealed class WebSocketFrontOptions
{
    public const string Section = "Chat:WebSocket";

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>) whose pages may open <c>/ws</c> besides the server's own; <c>*</c> allows
    /// any. Pages of other sites could otherwise chat under their visitors' addresses (cross-site WebSocket hijacking).
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
