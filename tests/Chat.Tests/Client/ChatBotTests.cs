using System.Text.RegularExpressions;
using System.Threading.Channels;
using Chat.Client.Bots;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Chat.Tests.Client;

public class ChatBotTests
{
    /// <summary>The bot of docs/CLIENT.md, line for line.</summary>
    private static void EchoBot(ChatBot bot) => bot
        .OnCommand("echo", "TEXT - says TEXT back", command => command.Reply(command.Arguments))
        .OnMessage(message =>
        {
            if (message.Text.Contains("hello", StringComparison.OrdinalIgnoreCase))
            {
                message.Reply($"Hello, {message.From}!");
            }
        });

    [Fact]
    public async Task TheBotFromTheDocsAnswersCommandsAndMessagesWhereTheyCameFrom()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bot = RunningBot.Start(server.ChatPort, "echobot", EchoBot);
        await alice.ExpectAsync("*** echobot joined #general");

        await alice.SendAsync("hello everyone");
        Assert.Equal("#general <echobot> Hello, alice!", await alice.ExpectAsync("<echobot>"));
        await alice.SendAsync("!echo /quit");
        Assert.Equal("#general <echobot> /quit", await alice.ExpectAsync("<echobot>"));
        await alice.SendAsync("/msg echobot !echo just for you");
        Assert.Equal("*echobot -> alice* just for you", await alice.ExpectAsync("*echobot -> alice*"));
        await alice.SendAsync("!nosuchcommand");
        await alice.SendAsync("!echo still here");
        Assert.Equal("#general <echobot> still here", await alice.ExpectAsync("<echobot>"));
    }

    [Fact]
    public async Task AFailingHandlerCostsOneReplyNotTheBot()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bot = RunningBot.Start(server.ChatPort, "echobot", b => EchoBot(b.OnCommand("boom", "fails", _ => throw new InvalidOperationException("boom"))));
        await alice.ExpectAsync("*** echobot joined #general");

        await alice.SendAsync("!boom");
        await alice.SendAsync("!echo survived");
        Assert.Equal("#general <echobot> survived", await alice.ExpectAsync("<echobot>"));
    }

    [Fact]
    public async Task RepliesBeyondTheRateLimitWaitAndBeyondTheQueueAreDropped()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        using var logs = new CapturingLoggerFactory();
        var options = new BotOptions { ReplyBurst = 1, ReplyInterval = TimeSpan.FromHours(1), ReplyQueueLimit = 1 };
        var bot = new ChatBot(new Chat.Client.ChatClientOptions("127.0.0.1", server.ChatPort, "echobot"), options, logs);
        EchoBot(bot);
        using var stop = new CancellationTokenSource();
        var running = bot.RunAsync(stop.Token);
        await alice.ExpectAsync("*** echobot joined #general");

        // One reply goes out; one waits for a token, one in the queue: the fourth cannot be kept.
        foreach (var n in new[] { 1, 2, 3, 4 })
        {
            await alice.SendAsync($"!echo {n}");
        }

        Assert.Equal("#general <echobot> 1", await alice.ExpectAsync("<echobot>"));
        Assert.Contains("Reply dropped", await logs.ExpectAsync(43));

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await alice.ExpectAsync("*** echobot quit (bot stopping)");
    }

    [Fact]
    public async Task TheBotLogsItsReconnectDelayInSeconds()
    {
        var port = ServerProcess.FreePort();
        using var logs = new CapturingLoggerFactory();
        var options = new Chat.Client.ChatClientOptions("127.0.0.1", port, "echobot")
        {
            Reconnect = new() { InitialDelay = TimeSpan.FromSeconds(1.5), MaxDelay = TimeSpan.FromSeconds(2) },
        };
        var bot = new ChatBot(options, loggerFactory: logs);
        using var stop = new CancellationTokenSource();
        var running = bot.RunAsync(stop.Token);

        var logged = await logs.ExpectAsync(40);
        Assert.True(Regex.IsMatch(logged, $@"^Cannot reach 127\.0\.0\.1:{port} \(.+\); trying again in 1(\.\d{{1,2}})? s$"), logged);

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    /// <summary>Collects log messages so a test can wait for one by event id.</summary>
    private sealed class CapturingLoggerFactory : ILoggerFactory, ILoggerProvider, ILogger
    {
        private readonly Channel<(int Id, string Message)> _entries = Channel.CreateUnbounded<(int, string)>();

        public async Task<string> ExpectAsync(int eventId)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await foreach (var (id, message) in _entries.Reader.ReadAllAsync(timeout.Token))
            {
                if (id == eventId)
                {
                    return message;
                }
            }

            throw new InvalidOperationException("The log ended.");
        }

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Writer.TryWrite((eventId.Id, formatter(state, exception)));

        public void Dispose() => _entries.Writer.TryComplete();
    }
}
