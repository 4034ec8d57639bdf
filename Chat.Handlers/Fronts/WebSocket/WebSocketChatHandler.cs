using System.Net;
using Chat.Handlers.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Connections;

namespace Chat.Handlers.Fronts.WebSocket;

/// <summary>
/// Runs a <c>/ws</c> connection as any chat connection: the connection limits (there is no connection middleware on
/// an HTTP route, so they are called here), then the shared handler with the WebSocket front. What the HTTP request
/// knows and the connection does not (the client's address, TLS) is copied onto it first.
/// </summary>
internal sealed class WebSocketChatHandler(
    ChatConnectionHandler handler, ConnectionLimiter limiter, WebSocketFront front) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection)
    {
        if (connection.GetHttpContext() is { } http)
        {
            if (http.Connection.RemoteIpAddress is { } address)
            {
                connection.RemoteEndPoint = new IPEndPoint(address, http.Connection.RemotePort);
            }

            if (http.Features.Get<ITlsHandshakeFeature>() is { } tls)
            {
                connection.Features.Set(tls);
            }
        }

        return limiter.OnConnectedAsync(connection, accepted => handler.RunAsync(accepted, front));
    }
}
