using Chat.Handlers;
using Chat.Handlers.Events;
using Chat.Handlers.Hosting;
using Chat.Handlers.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Core;

/// <summary>
/// The chat core with no sockets: the real services, the host's pipeline and the event stream, driven by <see cref="FakeClient"/>s
/// that hand typed commands straight to the pipeline, as a front would.
/// </summary>
public sealed class CoreHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CoreHarness(ServiceProvider services)
    {
        _services = services;
        Pipeline = services.GetRequiredService<ChatPipeline>();
    }

    public IServiceProvider Services => _services;

    public ChatPipeline Pipeline { get; }

    /// <param name="settings">Overrides of the <c>Chat</c> section, such as <c>Limits:MaxRoomsPerUser=2</c>.</param>
    public static CoreHarness Create(Action<IServiceCollection>? configure = null, params string[] settings)
    {
        string[] all = ["Limits:MessagesPerSecond=1000000", "Limits:MessageBurst=1000000", .. settings];
        var chat = new ConfigurationBuilder().AddInMemoryCollection(all
                .Select(s => s.Split('=', 2))
                .Select(pair => new KeyValuePair<string, string?>(pair[0], pair[1])))
            .Build();
        var services = new ServiceCollection().AddLogging().AddChat(chat);
        services.AddChatPipeline(Chat.Host.ChatHost.UseFilters);
        configure?.Invoke(services);
        return new CoreHarness(services.BuildServiceProvider(validateScopes: true));
    }

    /// <summary>A session that has not registered yet.</summary>
    public FakeClient Open() => new(this);

    public async Task<FakeClient> RegisterAsync(string name)
    {
        var client = Open();
        await client.SendAsync(new Chat.Protocol.HelloMessage(name));
        await client.ExpectAsync<Chat.Protocol.JoinEvent>(e => e.Name == name);
        return client;
    }

    public IEventStream Stream => _services.GetRequiredService<IEventStream>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
