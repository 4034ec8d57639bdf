using Chat.Client;
using Chat.Client.Bots;

namespace Chat.Tests.Client;

/// <summary>A <see cref="ChatBot"/> running in the background against a test server; disposing stops it and surfaces its failure.</summary>
public sealed class RunningBot : IAsyncDisposable
{
    /// <summary>Short reconnect delays so a restart test takes milliseconds, not seconds.</summary>
    public static readonly ReconnectOptions FastReconnect = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(50),
        MaxDelay = TimeSpan.FromMilliseconds(200),
    };

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private RunningBot(ChatBot bot)
    {
        Bot = bot;
        _running = bot.RunAsync(_stop.Token);
    }

    public ChatBot Bot { get; }

    public static RunningBot Start(int port, string name, Action<ChatBot> configure, BotOptions? options = null)
    {
        var bot = new ChatBot(new ChatClientOptions("127.0.0.1", port, name) { Reconnect = FastReconnect }, options);
        configure(bot);
        return new RunningBot(bot);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
