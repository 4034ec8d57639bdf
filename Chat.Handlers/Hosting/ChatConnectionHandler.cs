using Chat.Handlers.Fronts;
using Chat.Handlers.Pipeline;
using Chat.Handlers.Protocol;
using Chat.Handlers.Sessions;
using Chat.Protocol;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Hosting;

/// <summary>
/// Runs one chat connection for its front, whatever the front: frames input with the front's framing and size cap,
/// decodes it through the front, runs each command through the pipeline, and drains the session's queue to the
/// socket. Chat logic lives behind the pipeline, protocol syntax in the front.
/// </summary>
public sealed partial class ChatConnectionHandler(
    ChatService chat,
    ChatPipeline pipeline,
    ViolationTracker violations,
    IServiceProvider services,
    ChatMetrics metrics,
    IOptions<ChatOptions> options,
    TimeProvider time,
    ILogger<ChatConnectionHandler> logger)
{
    private readonly ChatLimits _limits = options.Value.Limits;

    public async Task RunAsync(ConnectionContext connection, IChatFront front)
    {
        if (connection.Features.Get<ConnectionRefusal>() is { } refusal)
        {
            await RefuseAsync(connection, front.DefaultFormat.Encode(refusal.Error));
            return;
        }

        var input = connection.Transport.Input;
        var outgoing = new ProtocolWriter(_limits.SendQueueBytes, _limits.SendQueueSoftBytes, _limits.SlowConsumerTimeout, time, metrics.Sent);
        var secure = connection.Features.Get<ITlsHandshakeFeature>() is not null;
        var session = new ChatSession(connection.ConnectionId, connection.RemoteEndPoint, front.DefaultFormat, outgoing, input.CancelPendingRead)
        {
            IsSecure = secure,
        };
        using var scope = logger.BeginScope(new SessionLogScope(session));
        using var shutdown = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested
            .Register(() => session.Close(CloseReasons.Shutdown, new ShutdownEvent("the server is stopping")));

        Log.Connected(logger, connection.RemoteEndPoint);
        var writing = WriteAsync(session, outgoing, connection);
        var protocol = front.Open(session);
        protocol.Start();
        using var watchdog = new ConnectionWatchdog(session, _limits, time);
        metrics.ConnectionOpened(front, secure);
        try
        {
            await ReadLoopAsync(session, protocol, new ProtocolReader(input), watchdog);
        }
        catch (Exception ex) when (ex is ConnectionResetException or IOException or ConnectionAbortedException)
        {
            session.Close(CloseReasons.Reset);
        }
        finally
        {
            session.Close(CloseReasons.Closed);
            await chat.DisconnectAsync(session, session.CloseReason);
            await DrainAsync(connection, writing, session.CloseReason);
            metrics.ConnectionClosed(front, secure, session.CloseReason);
            Log.Disconnected(logger, CloseReasons.Kind(session.CloseReason));
        }
    }

    private async Task ReadLoopAsync(ChatSession session, FrontConnection protocol, ProtocolReader reader, ConnectionWatchdog watchdog)
    {
        while (!session.IsClosing)
        {
            var maxFrameBytes = protocol.MaxFrameBytes;
            var reading = reader.ReadAsync(protocol.Framing, maxFrameBytes);
            if (!reading.IsCompleted || session.PassIsFull)
            {
                // The end of a read pass: the next line is taken once this pass's messages are delivered, which is
                // where a sender is slowed when fan-out falls behind (FlowControl).
                await ConfirmAsync(session);
            }

            var result = await reading;
            if (result.IsCanceled || result.IsCompleted)
            {
                // A client that sent its last lines and closed its side still gets their echoes.
                await ConfirmAsync(session);
                return;
            }

            watchdog.OnInput();
            if (result.IsTooLarge)
            {
                Log.LineTooLong(logger, maxFrameBytes);
                metrics.MessageDropped(ErrorCodes.LineTooLong);
                session.Send(new ChatError(ErrorCodes.LineTooLong, Limit: maxFrameBytes));
                violations.Record(session, ViolationTracker.TooManyLongLines);
                continue;
            }

            ClientMessage? message;
            ChatError? error;
            try
            {
                message = protocol.Decode(result.Message, out error);
            }
            finally
            {
                reader.Advance();
            }

            if (error is not null)
            {
                Log.BadInput(logger, error.Code);
                metrics.MessageDropped(error.Code);
                session.Send(error);
                violations.Record(session, ViolationTracker.TooManyMalformedLines);
            }
            else if (message is not null)
            {
                metrics.MessageReceived();
                if (message is not (SayMessage or ActionMessage or FrontCommand { IsMessage: true }))
                {
                    // A command may change what the messages before it are delivered to (a part, a new name): they go first.
                    await ConfirmAsync(session);
                }

                var wasRegistered = session.IsRegistered;
                await RunPipelineAsync(session, message);
                if (!wasRegistered && session.IsRegistered)
                {
                    watchdog.OnRegistered();
                }
            }
        }
    }

    /// <summary>
    /// Waits for the session's messages to be delivered (<see cref="ChatSession.ConfirmAsync"/>). A message whose publish
    /// failed has told its sender already, at its place among the replies.
    /// </summary>
    private async ValueTask ConfirmAsync(ChatSession session)
    {
        try
        {
            await session.ConfirmAsync();
        }
        catch (Exception ex)
        {
            Log.PublishFailed(logger, ex);
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
            session.Send(new ChatError(ErrorCodes.InternalError));
        }
    }

    /// <summary>
    /// The writer loop. When it ends for any reason (the peer went away, a write failed, the peer stopped reading for
    /// <see cref="ChatLimits.SlowConsumerTimeout"/>) the session ends too.
    /// </summary>
    private async Task WriteAsync(ChatSession session, ProtocolWriter outgoing, ConnectionContext connection)
    {
        try
        {
            await outgoing.RunAsync(connection.Transport.Output);
            if (outgoing.HasStalled && session.Close(CloseReasons.SendQueueStalled))
            {
                // Nothing more can reach a peer that reads nothing, not even a last error line.
                Log.SendQueueStalled(logger, _limits.SlowConsumerTimeout.TotalSeconds);
                connection.Abort(new ConnectionAbortedException(CloseReasons.SendQueueStalled));
            }
        }
        finally
        {
            session.Close(CloseReasons.Lost);
        }
    }

    /// <summary>One line saying why, in the front's own format, then the connection closes.</summary>
    private static async Task RefuseAsync(ConnectionContext connection, byte[] refusal)
    {
        try
        {
            await connection.Transport.Output.WriteAsync(refusal);
            await EndTlsAsync(connection);
        }
        catch (Exception ex) when (IsConnectionGone(ex))
        {
            // The peer is already gone; closing is all that is left to do.
        }
    }

    /// <summary>Lets the writer send what is queued and ends TLS cleanly; a peer that does not read in time is aborted.</summary>
    private async Task DrainAsync(ConnectionContext connection, Task writing, string? reason)
    {
        var draining = FinishAsync(connection, writing);
        try
        {
            await draining.WaitAsync(_limits.CloseTimeout, time);
            return;
        }
        catch (TimeoutException)
        {
            connection.Abort(new ConnectionAbortedException(reason ?? "closed"));
        }
        catch (Exception ex) when (IsConnectionGone(ex))
        {
            return;
        }

        try
        {
            await draining;
        }
        catch (Exception ex) when (IsConnectionGone(ex))
        {
            // The abort above ends the writer this way.
        }
    }

    private static async Task FinishAsync(ConnectionContext connection, Task writing)
    {
        await writing;
        await EndTlsAsync(connection);
    }

    /// <summary>
    /// Sends TLS's close alert once everything else is written. Kestrel's TLS layer closes the socket without one,
    /// so a peer cannot tell the end from a truncation (OpenSSL reports "unexpected eof").
    /// </summary>
    private static Task EndTlsAsync(ConnectionContext connection) =>
        connection.Features.Get<ISslStreamFeature>()?.SslStream.ShutdownAsync() ?? Task.CompletedTask;

    private static bool IsConnectionGone(Exception ex) =>
        ex is IOException or ConnectionResetException or ConnectionAbortedException or OperationCanceledException;
}
