using System.Buffers;
using Chat.Handlers.Formats;
using Chat.Handlers.Pipeline;
using Chat.Handlers.Protocol;
using Chat.Handlers.Sessions;
using Chat.Protocol;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Hosting;

/// <summary>
/// The transport side of the chat port: Kestrel hands each connection here. It frames lines, picks the wire
/// format from the first line, runs each input through the pipeline and drains the session's queue to the
/// socket. Chat logic lives behind the pipeline.
/// </summary>
public sealed partial class ChatConnectionHandler(
    ChatService chat,
    ChatPipeline pipeline,
    ViolationTracker violations,
    IServiceProvider services,
    IOptions<ChatOptions> options,
    TimeProvider time,
    ILogger<ChatConnectionHandler> logger) : ConnectionHandler
{
    private readonly ChatLimits _limits = options.Value.Limits;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        var outgoing = new ProtocolWriter(_limits.SendQueueBytes);
        var session = new ChatSession(connection.ConnectionId, connection.RemoteEndPoint, outgoing, input.CancelPendingRead)
        {
            IsSecure = connection.Features.Get<ITlsHandshakeFeature>() is not null,
        };
        using var scope = logger.BeginScope(new SessionLogScope(session));
        using var shutdown = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested
            .Register(() => session.Close("server shutting down", new ShutdownEvent("the server is stopping")));

        using var watchdog = new ConnectionWatchdog(session, _limits, time);

        Log.Connected(logger, connection.RemoteEndPoint);
        var writing = WriteAsync(session, outgoing, connection);
        session.Send(new InfoEvent($"Welcome to {options.Value.ServerName}! Enter your name:"));
        try
        {
            await ReadLoopAsync(session, new ProtocolReader(input), watchdog);
        }
        catch (Exception ex) when (ex is ConnectionResetException or IOException or ConnectionAbortedException)
        {
            session.Close("connection reset");
        }
        finally
        {
            session.Close("connection closed");
            chat.Disconnect(session, session.CloseReason);
            await DrainAsync(connection, writing, session.CloseReason);
            Log.Disconnected(logger, session.CloseReason);
        }
    }

    private async Task ReadLoopAsync(ChatSession session, ProtocolReader reader, ConnectionWatchdog watchdog)
    {
        var firstLine = true;
        while (!session.IsClosing)
        {
            // Long payload lines only once registered: anonymous sockets cannot make the server buffer megabytes.
            var maxLineBytes = session.Format.CarriesPayloads && session.IsRegistered ? options.Value.MaxJsonLineBytes : _limits.MaxLineBytes;
            var result = await reader.ReadAsync(LineReader.Instance, maxLineBytes);
            if (result.IsCanceled || result.IsCompleted)
            {
                return;
            }

            watchdog.OnInput();
            if (result.IsTooLarge)
            {
                Log.LineTooLong(logger, maxLineBytes);
                session.Send(new ErrorEvent(ErrorCodes.LineTooLong,
                    $"Line too long: the limit is {maxLineBytes} bytes. It was discarded."));
                violations.Record(session, ViolationTracker.TooManyLongLines);
                continue;
            }

            ClientMessage? message;
            ErrorEvent? error;
            try
            {
                if (firstLine)
                {
                    session.Format = WireFormats.Detect(result.Message);
                    firstLine = false;
                }

                message = session.Format.Decode(result.Message, session.IsRegistered, out error);
            }
            finally
            {
                reader.Advance();
            }

            if (error is not null)
            {
                Log.BadInput(logger, error.Code);
                session.Send(error);
                violations.Record(session, ViolationTracker.TooManyMalformedLines);
            }
            else if (message is not null)
            {
                var wasRegistered = session.IsRegistered;
                await RunPipelineAsync(session, message);
                if (!wasRegistered && session.IsRegistered)
                {
                    watchdog.OnRegistered();
                }
            }
        }
    }

    private async ValueTask RunPipelineAsync(ChatSession session, ClientMessage message)
    {
        try
        {
            await pipeline.Invoke(new ChatContext(session, message, services));
        }
        catch (Exception ex)
        {
            // One bad input must not end the connection, let alone the server.
            Log.PipelineFailed(logger, ex);
            session.Send(new ErrorEvent(ErrorCodes.InternalError, "Something went wrong handling that line."));
        }
    }

    /// <summary>The writer loop. When it ends for any reason (the peer went away, a write failed) the session ends too.</summary>
    private static async Task WriteAsync(ChatSession session, ProtocolWriter outgoing, ConnectionContext connection)
    {
        try
        {
            await outgoing.RunAsync(connection.Transport.Output);
        }
        finally
        {
            session.Close("connection lost");
        }
    }

    /// <summary>Lets the writer send what is queued; a peer that does not read in time is aborted.</summary>
    private async Task DrainAsync(ConnectionContext connection, Task writing, string? reason)
    {
        try
        {
            await writing.WaitAsync(_limits.CloseTimeout, time);
            return;
        }
        catch (TimeoutException)
        {
            connection.Abort(new ConnectionAbortedException(reason ?? "closed"));
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException or OperationCanceledException)
        {
            return;
        }

        try
        {
            await writing;
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException or OperationCanceledException)
        {
            // The abort above ends the writer this way.
        }
    }
}
