using System.Net.Sockets;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using Chat.Client.Connection;
using Chat.Client.Files;
using Chat.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Client;

/// <summary>
/// A JSON Lines client of the chat server (docs/PROTOCOL.md). <see cref="ConnectAsync(CancellationToken)"/>
/// registers the name; events then arrive in order on <see cref="Events"/>, which the caller must keep reading.
/// Pings are answered here and not passed on. When the server goes away the client reconnects with backoff,
/// registers its current name again and rejoins its rooms; a <see cref="DisconnectedEvent"/> marks each gap.
/// </summary>
public sealed partial class ChatClient : IAsyncDisposable
{
    private readonly ChatClientOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<ServerEvent> _events;
    private readonly SessionState _state;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TokenBucketRateLimiter? _sendRate;
    private volatile ChatConnection? _connection;
    private volatile bool _quitting;
    private int _connecting;
    private Task? _running;

    public ChatClient(ChatClientOptions options, ILogger<ChatClient>? logger = null)
    {
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger<ChatClient>.Instance;
        _state = new SessionState(options.Name);
        _events = Channel.CreateBounded<ServerEvent>(new BoundedChannelOptions(options.EventCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _sendRate = options.SendRate is { } rate
            ? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = rate.Burst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / rate.PerSecond),
                QueueLimit = int.MaxValue,
                AutoReplenishment = true,
            })
            : null;
    }

    public ChatClientOptions Options => _options;

    /// <summary>The name the server knows this client by; it follows <c>/nick</c>.</summary>
    public string Name => _state.Current.Name;

    /// <summary>Where plain messages go; null before registering or when in no room.</summary>
    public string? CurrentRoom => _state.Current.CurrentRoom;

    public IReadOnlyList<string> Rooms => _state.Current.Rooms;

    public bool IsConnected => _connection is not null;

    /// <summary>
    /// Everything the server sends (except pings), plus <see cref="DisconnectedEvent"/>s; completes when the client stops,
    /// with a <see cref="ChatCertificateException"/> when a reconnect found a certificate it refuses.
    /// </summary>
    public ChannelReader<ServerEvent> Events => _events.Reader;

    public IAsyncEnumerable<ServerEvent> ReadEventsAsync(CancellationToken cancellationToken = default) =>
        _events.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Connects and registers <paramref name="name"/>; throws <see cref="ChatRegistrationException"/> when the server refuses it.</summary>
    public static async Task<ChatClient> ConnectAsync(string host, int port, string name, CancellationToken cancellationToken = default)
    {
        var client = new ChatClient(new ChatClientOptions(host, port, name));
        try
        {
            await client.ConnectAsync(cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens the connection and registers the name. Throws <see cref="ChatRegistrationException"/> when the
    /// name is refused, <see cref="ChatCertificateException"/> when the server's TLS certificate is refused,
    /// <see cref="SocketException"/> when nothing listens, <see cref="IOException"/> when the connection or a TLS
    /// handshake fails, <see cref="TimeoutException"/> after <see cref="ChatClientOptions.ConnectTimeout"/>.
    /// After a failure it may be called again.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _connecting, 1) != 0)
        {
            throw new InvalidOperationException("This client is already connecting or connected.");
        }

        try
        {
            var connection = await RegisterAsync(_state.Current.Name, cancellationToken);
            _connection = connection;
            Log.Connected(_logger, _options.Host, _options.Port, Name, _options.UsesTls ? "TLS" : "plain TCP");
            _running = RunAsync(connection);
        }
        catch
        {
            Volatile.Write(ref _connecting, 0);
            throw;
        }
    }

    /// <summary>
    /// Sends a line of chat to <paramref name="room"/> (default: the current room). Slash commands work as
    /// typed (<c>/join dev</c>). Throws <see cref="ChatDisconnectedException"/> while there is no connection.
    /// </summary>
    public ValueTask SendAsync(string text, string? room = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WriteAsync(new SayMessage(text, room), cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="data"/> as a typed message (docs/PROTOCOL.md) to <paramref name="room"/> (default: the
    /// current room) or, with <paramref name="to"/>, to one user. <paramref name="name"/> is the file name recipients
    /// see, <paramref name="caption"/> a text that goes with it. Throws <see cref="ChatPayloadTooLargeException"/> over
    /// <see cref="ChatClientOptions.MaxPayloadBytes"/>; the server's refusals (<c>payload_too_large</c>,
    /// <c>content_type_not_allowed</c>, ...) arrive as <see cref="ErrorEvent"/>s.
    /// </summary>
    public ValueTask SendPayloadAsync(
        ReadOnlyMemory<byte> data, string contentType, string? name = null, string? room = null, string? to = null,
        string caption = "", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentNullException.ThrowIfNull(caption);
        if (room is not null && to is not null)
        {
            throw new ArgumentException("A payload goes to a room or to one user, not both.", nameof(to));
        }

        if (data.Length > _options.MaxPayloadBytes)
        {
            throw new ChatPayloadTooLargeException(name ?? "The payload", data.Length, _options.MaxPayloadBytes);
        }

        var message = new SayMessage(caption, room) { To = to, ContentType = contentType, Name = name, Data = Convert.ToBase64String(data.Span) };
        return WriteAsync(message, cancellationToken);
    }

    /// <summary>
    /// Sends the file at <paramref name="path"/> as a typed message, like <see cref="SendPayloadAsync"/>: its type from
    /// its extension (<see cref="ContentTypes"/>) unless given, its name made safe (<see cref="SafeFileName"/>). A file
    /// over <see cref="ChatClientOptions.MaxPayloadBytes"/> is refused before it is read.
    /// </summary>
    public async ValueTask SendFileAsync(
        string path, string? contentType = null, string? room = null, string? to = null,
        string caption = "", CancellationToken cancellationToken = default)
    {
        var name = SafeFileName.Sanitize(Path.GetFileName(path));
        byte[] data;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true))
        {
            if (file.Length > _options.MaxPayloadBytes)
            {
                throw new ChatPayloadTooLargeException(name, file.Length, _options.MaxPayloadBytes);
            }

            data = new byte[file.Length];
            await file.ReadExactlyAsync(data, cancellationToken);
        }

        await SendPayloadAsync(data, contentType ?? ContentTypes.FromFileName(name), name, room, to, caption, cancellationToken);
    }

    /// <summary>
    /// Says goodbye and waits until the server has sent everything and closed the connection, so every event
    /// caused by earlier sends has been read into <see cref="Events"/>. No reconnect follows.
    /// </summary>
    public async Task QuitAsync(string? reason = null, CancellationToken cancellationToken = default)
    {
        _quitting = true;
        if (_running is null)
        {
            _events.Writer.TryComplete();
            return;
        }

        try
        {
            await WriteAsync(new QuitMessage(string.IsNullOrWhiteSpace(reason) ? null : reason), cancellationToken);
        }
        catch (ChatDisconnectedException)
        {
            // Between connections: there is nobody to say goodbye to.
            await _stopping.CancelAsync();
        }

        await _running.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _quitting = true;
        await _stopping.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        _events.Writer.TryComplete();
        _stopping.Dispose();
        _sendRate?.Dispose();
    }

    private async ValueTask WriteAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        if (_sendRate is not null)
        {
            // Every line counts against the server's flood limit: wait for a token rather than have it dropped.
            using var lease = await _sendRate.AcquireAsync(1, cancellationToken);
        }

        var connection = _connection ?? throw new ChatDisconnectedException("Not connected to the chat server.");
        try
        {
            await connection.WriteAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            throw new ChatDisconnectedException("The connection to the chat server was lost.", ex);
        }
    }

    /// <summary>Connects, sends <c>hello</c> and waits for the welcome, which it passes on; the greeting line is skipped.</summary>
    private async Task<ChatConnection> RegisterAsync(string name, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token, timeout.Token);
        var token = linked.Token;
        ChatConnection? connection = null;
        try
        {
            connection = await ChatConnection.OpenAsync(_options, _logger, token);
            await connection.WriteAsync(new HelloMessage(name), token);
            while (true)
            {
                switch (await connection.ReadAsync(token))
                {
                    case null:
                        throw new IOException("The server closed the connection before accepting the name.");
                    case PingEvent:
                        await connection.WriteAsync(new PongMessage(), token);
                        break;
                    case ErrorEvent { Code: ErrorCodes.NameTaken or ErrorCodes.NameInvalid } error:
                        throw new ChatRegistrationException(error.Code, name, error.Message);
                    case WelcomeEvent welcome:
                        _state.Observe(welcome);
                        await _events.Writer.WriteAsync(welcome, token);
                        return connection;
                    case var other:
                        await _events.Writer.WriteAsync(other, token);
                        break;
                }
            }
        }
        catch (Exception ex)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            if (ex is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No welcome from {_options.Host}:{_options.Port} within {_options.ConnectTimeout}.", ex);
            }

            throw;
        }
    }

    /// <summary>Receives until the connection ends, then reconnects, until the client quits or is disposed.</summary>
    private async Task RunAsync(ChatConnection connection)
    {
        var token = _stopping.Token;
        Exception? failure = null;
        try
        {
            while (true)
            {
                var reason = await ReceiveAsync(connection, token);
                _connection = null;
                await connection.DisposeAsync();
                if (_quitting)
                {
                    return;
                }

                Log.ConnectionLost(_logger, reason);
                if (_options.Reconnect is not { } reconnect)
                {
                    await _events.Writer.WriteAsync(new DisconnectedEvent(reason, 0, null), token);
                    return;
                }

                try
                {
                    connection = await ReconnectAsync(reconnect, reason, token);
                }
                catch (ChatCertificateException ex)
                {
                    // Retrying would hide it: the server now shows a certificate the client refuses.
                    Log.CertificateRefused(_logger, ex.Message);
                    failure = ex;
                    await _events.Writer.WriteAsync(new DisconnectedEvent(ex.Message, 0, null), token);
                    return;
                }

                _connection = connection;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Quit between connections, or disposed.
        }
        catch (Exception ex)
        {
            Log.Failed(_logger, ex);
            failure = ex;
        }
        finally
        {
            if (_connection is { } open)
            {
                _connection = null;
                await open.DisposeAsync();
            }

            _events.Writer.TryComplete(failure);
        }
    }

    /// <summary>Passes events on until the connection ends; returns why it ended.</summary>
    private async Task<string> ReceiveAsync(ChatConnection connection, CancellationToken cancellationToken)
    {
        var reason = "the server closed the connection";
        try
        {
            while (await connection.ReadAsync(cancellationToken) is { } serverEvent)
            {
                if (serverEvent is PingEvent)
                {
                    await connection.WriteAsync(new PongMessage(), cancellationToken);
                    continue;
                }

                if (serverEvent is ShutdownEvent shutdown)
                {
                    reason = $"server shutting down: {shutdown.Reason}";
                }

                _state.Observe(serverEvent);
                await _events.Writer.WriteAsync(serverEvent, cancellationToken);
            }

            return reason;
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException or ObjectDisposedException)
        {
            return ex.Message;
        }
    }

    private async Task<ChatConnection> ReconnectAsync(ReconnectOptions reconnect, string reason, CancellationToken cancellationToken)
    {
        var saved = _state.Current;
        for (var attempt = 1; ; attempt++)
        {
            var delay = reconnect.DelayFor(attempt, Random.Shared.NextDouble());
            // The timer starts before the event is published: a reader that sees the event (a test advancing
            // a fake clock, say) knows the wait is already running.
            var wait = Task.Delay(delay, _options.TimeProvider, cancellationToken);
            Log.Reconnecting(_logger, attempt, delay.TotalSeconds);
            await _events.Writer.WriteAsync(new DisconnectedEvent(reason, attempt, delay), cancellationToken);
            await wait;

            ChatConnection? connection = null;
            try
            {
                connection = await RegisterAsync(saved.Name, cancellationToken);
                var welcomeRoom = _state.Current.CurrentRoom ?? "";
                foreach (var command in saved.RestoreCommands(welcomeRoom))
                {
                    await connection.WriteAsync(command, cancellationToken);
                }

                Log.Reconnected(_logger, saved.Name, attempt);
                return connection;
            }
            catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or ChatRegistrationException or InvalidDataException)
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }

                Log.ReconnectFailed(_logger, attempt, ex.Message);
                reason = ex.Message;
            }
        }
    }
}
