using System.Net.Sockets;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using Chat.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Client.Bots;

/// <summary>
/// A chat bot: handlers for <c>!commands</c>, for other messages and for any server event, on top of a
/// reconnecting <see cref="ChatClient"/>. Handlers run one at a time in event order, so bot state needs no
/// locks. Replies are queued and sent under a token bucket (<see cref="BotOptions.ReplyBurst"/>, then one per
/// <see cref="BotOptions.ReplyInterval"/>); the bot never answers itself. <c>!help</c> lists the commands.
/// </summary>
public sealed partial class ChatBot
{
    private const int MaxReplyLength = 1000;

    private readonly Dictionary<string, (string Help, Func<BotCommand, Task> Handler)> _commands = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Func<BotMessage, Task>> _messageHandlers = [];
    private readonly List<Func<ServerEvent, Task>> _eventHandlers = [];
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private volatile ChatClient? _client;
    private volatile Channel<(string Text, string? Room)>? _outbox;
    private int _running;

    public ChatBot(ChatClientOptions client, BotOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        client.Validate();
        options ??= new BotOptions();
        options.Validate();
        ClientOptions = client;
        Options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<ChatBot>();
    }

    public ChatClientOptions ClientOptions { get; }

    public BotOptions Options { get; }

    /// <summary>The bot's name on the server (it follows <c>/nick</c> while running).</summary>
    public string Name => _client?.Name ?? ClientOptions.Name;

    /// <summary>The connection while <see cref="RunAsync"/> runs, for anything the bot API does not cover.</summary>
    public ChatClient? Client => _client;

    /// <summary>Each command's name and help, as <c>!help</c> lists them.</summary>
    public IEnumerable<KeyValuePair<string, string>> Commands =>
        _commands.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, c.Value.Help));

    public ChatBot OnCommand(string name, string help, Func<BotCommand, Task> handler)
    {
        if (!BotCommand.TryParse(Options.CommandPrefix + name, Options.CommandPrefix, out var parsed, out var rest) || rest.Length > 0)
        {
            throw new ArgumentException($"'{name}' is not a command name: use letters, digits, '_' or '-'.", nameof(name));
        }

        _commands[parsed] = (help, handler);
        return this;
    }

    public ChatBot OnCommand(string name, string help, Action<BotCommand> handler) =>
        OnCommand(name, help, command => Run(handler, command));

    /// <summary>Messages from others that are not commands.</summary>
    public ChatBot OnMessage(Func<BotMessage, Task> handler)
    {
        _messageHandlers.Add(handler);
        return this;
    }

    public ChatBot OnMessage(Action<BotMessage> handler) => OnMessage(message => Run(handler, message));

    /// <summary>Every server event of type <typeparamref name="TEvent"/>, the bot's own included.</summary>
    public ChatBot OnEvent<TEvent>(Func<TEvent, Task> handler) where TEvent : ServerEvent
    {
        _eventHandlers.Add(serverEvent => serverEvent is TEvent typed ? handler(typed) : Task.CompletedTask);
        return this;
    }

    public ChatBot OnEvent<TEvent>(Action<TEvent> handler) where TEvent : ServerEvent =>
        OnEvent<TEvent>(serverEvent => Run(handler, serverEvent));

    /// <summary>Queues a line of chat for <paramref name="room"/> (default: the current room). Text that looks like a command is sent as plain chat.</summary>
    public void Say(string text, string? room = null)
    {
        var line = Clean(text);
        Enqueue(line.StartsWith('/') ? "/" + line : line, room);
    }

    /// <summary>Queues a private message to <paramref name="name"/>.</summary>
    public void SendPrivate(string name, string text) => Enqueue($"/msg {name} {Clean(text)}", null);

    /// <summary>
    /// Connects (retrying while the server cannot be reached), joins <see cref="BotOptions.Rooms"/> and handles
    /// events until <paramref name="cancellationToken"/> is cancelled, then quits. Throws
    /// <see cref="ChatRegistrationException"/> if the name is refused.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            throw new InvalidOperationException("The bot is already running.");
        }

        try
        {
            await using var client = new ChatClient(ClientOptions, _loggerFactory.CreateLogger<ChatClient>());
            try
            {
                await ConnectAsync(client, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            _client = client;
            using var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Options.ReplyBurst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = Options.ReplyInterval,
                QueueLimit = 1,
                AutoReplenishment = true,
            });
            var outbox = Channel.CreateBounded<(string Text, string? Room)>(
                new BoundedChannelOptions(Options.ReplyQueueLimit) { SingleReader = true });
            _outbox = outbox;
            var sending = SendLoopAsync(client, outbox.Reader, limiter, cancellationToken);
            try
            {
                foreach (var room in Options.Rooms)
                {
                    await client.SendAsync($"/join {room}", cancellationToken: cancellationToken);
                }

                await foreach (var serverEvent in client.ReadEventsAsync(cancellationToken))
                {
                    await DispatchAsync(serverEvent);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await QuitAsync(client);
            }
            finally
            {
                _outbox = null;
                outbox.Writer.TryComplete();
                await sending;
            }
        }
        finally
        {
            _client = null;
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task ConnectAsync(ChatClient client, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.ConnectAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is SocketException or IOException or TimeoutException && ClientOptions.Reconnect is { } reconnect)
            {
                var delay = reconnect.DelayFor(attempt, Random.Shared.NextDouble());
                Log.ConnectFailed(_logger, ClientOptions.Host, ClientOptions.Port, ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, ClientOptions.TimeProvider, cancellationToken);
            }
        }
    }

    private async Task DispatchAsync(ServerEvent serverEvent)
    {
        foreach (var handler in _eventHandlers)
        {
            await GuardAsync(() => handler(serverEvent), serverEvent.GetType().Name);
        }

        if (serverEvent is not MessageEvent message || StringComparer.OrdinalIgnoreCase.Equals(message.From, Name))
        {
            return;
        }

        if (BotCommand.TryParse(message.Text, Options.CommandPrefix, out var name, out var arguments))
        {
            var command = new BotCommand(this, message, name, arguments);
            if (_commands.TryGetValue(name, out var registered))
            {
                Log.Command(_logger, name, message.From, message.Room ?? "private");
                await GuardAsync(() => registered.Handler(command), name);
            }
            else if (name == "help")
            {
                command.Reply("Commands: " + string.Join("; ",
                    Commands.Select(c => $"{Options.CommandPrefix}{c.Key} {c.Value}").Append($"{Options.CommandPrefix}help - this list")));
            }

            // Unknown commands get silence: another bot in the room may own them.
            return;
        }

        foreach (var handler in _messageHandlers)
        {
            await GuardAsync(() => handler(new BotMessage(this, message)), "message");
        }
    }

    private async Task GuardAsync(Func<Task> handle, string what)
    {
        try
        {
            await handle();
        }
        catch (Exception ex)
        {
            // A failing handler costs one reply, never the bot.
            Log.HandlerFailed(_logger, ex, what);
        }
    }

    private async Task SendLoopAsync(ChatClient client, ChannelReader<(string Text, string? Room)> outbox, RateLimiter limiter, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (text, room) in outbox.ReadAllAsync(cancellationToken))
            {
                using var lease = await limiter.AcquireAsync(1, cancellationToken);
                try
                {
                    await client.SendAsync(text, room, cancellationToken);
                }
                catch (ChatDisconnectedException ex)
                {
                    Log.ReplyLost(_logger, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is not sent.
        }
    }

    /// <summary>Says goodbye, reading (and dropping) events meanwhile so the client can take in the server's last lines.</summary>
    private async Task QuitAsync(ChatClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), ClientOptions.TimeProvider);
        try
        {
            var quitting = client.QuitAsync("bot stopping", timeout.Token);
            await foreach (var _ in client.ReadEventsAsync(timeout.Token))
            {
            }

            await quitting;
        }
        catch (OperationCanceledException)
        {
            // The server did not close in time; disposing the client closes our side.
        }
    }

    private void Enqueue(string text, string? room)
    {
        var outbox = _outbox ?? throw new InvalidOperationException("The bot is not running.");
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (!outbox.Writer.TryWrite((text, room)))
        {
            Log.ReplyDropped(_logger, Options.ReplyQueueLimit);
        }
    }

    /// <summary>One line, of bounded length: control characters would break the line protocol.</summary>
    private static string Clean(string text)
    {
        var cleaned = string.Create(Math.Min(text.Length, MaxReplyLength), text, (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
        return text.Length > MaxReplyLength ? cleaned + "…" : cleaned;
    }

    private static Task Run<T>(Action<T> handler, T argument)
    {
        handler(argument);
        return Task.CompletedTask;
    }
}
