using Chat.Handlers.Accounts;
using Chat.Handlers.Commands;
using Chat.Handlers.Events;
using Chat.Handlers.History;
using Chat.Handlers.Moderation;
using Chat.Handlers.Pipeline;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Chat.Handlers.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Hosting;

public static class ChatServiceCollectionExtensions
{
    /// <summary>
    /// The chat core, its options (validated at start), the in-memory event stream, name claims and presence (unless
    /// others are registered first: a cluster's), the connection handling every front shares (with Kestrel's connection
    /// limit bound to <see cref="ChatLimits.MaxConnections"/>), its metrics, and its readiness: a health check tagged
    /// <see cref="ChatReadiness.Tag"/>, as every check that <c>/readyz</c> runs is. Fronts are added on top (<c>AddLineFront()</c>).
    /// </summary>
    public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration chatSection)
    {
        services.AddOptions<ChatOptions>().Bind(chatSection).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ChatMetrics>();
        services.TryAddSingleton<ChatReadiness>();
        services.AddHostedService(provider => provider.GetRequiredService<ChatReadiness>());
        services.AddHealthChecks().AddCheck<ChatReadiness>("chat", tags: [ChatReadiness.Tag]);
        services.TryAddSingleton<RoomRegistry>();
        services.TryAddSingleton<UserDirectory>();
        services.TryAddSingleton<INameClaims, LocalNameClaims>();
        services.TryAddSingleton<IPresence, LocalPresence>();
        services.TryAddSingleton<ChatHistory>();
        services.TryAddSingleton<ChatService>();
        services.TryAddSingleton<IAccountStore, InMemoryAccountStore>();
        services.TryAddSingleton<LoginLimiter>();
        services.TryAddSingleton<AccountService>();
        services.TryAddSingleton<IRoomStore, InMemoryRoomStore>();
        services.TryAddSingleton<RoomAuthority>();
        services.TryAddSingleton<IServerBanStore, InMemoryServerBanStore>();
        services.TryAddSingleton<ServerAuthority>();
        services.TryAddSingleton<CommandTable>();
        services.TryAddSingleton<LocalDelivery>();
        services.TryAddSingleton<IEventStream, InMemoryEventStream>();
        services.TryAddSingleton<ViolationTracker>();
        services.TryAddSingleton<ConnectionLimiter>();
        services.TryAddSingleton<TcpKeepAlive>();
        services.TryAddSingleton<ChatConnectionHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, KestrelConnectionLimitSetup>());
        return services;
    }

    /// <summary>Accounts, room registrations and server bans in SQLite (<c>Chat:Accounts:ConnectionString</c>) instead of memory.</summary>
    public static IServiceCollection AddSqliteStores(this IServiceCollection services)
    {
        services.TryAddSingleton<SqliteDatabase>();
        services.Replace(ServiceDescriptor.Singleton<IAccountStore, SqliteAccountStore>());
        services.Replace(ServiceDescriptor.Singleton<IServerBanStore, SqliteServerBanStore>());
        return services.Replace(ServiceDescriptor.Singleton<IRoomStore, SqliteRoomStore>());
    }

    /// <summary>Adds a custom command; it shows in <c>/help</c> like the built-ins and every front reaches it.</summary>
    public static IServiceCollection AddChatCommand<TCommand>(this IServiceCollection services) where TCommand : ChatCommand
    {
        services.AddSingleton<ChatCommand, TCommand>();
        return services;
    }

    /// <summary>The filters every input flows through, in order, as <c>app.Use…</c> does for HTTP.</summary>
    public static IServiceCollection AddChatPipeline(this IServiceCollection services, Action<ChatPipelineBuilder> configure)
    {
        services.AddSingleton(provider =>
        {
            var builder = new ChatPipelineBuilder(provider);
            configure(builder);
            return new ChatPipeline(builder.Build());
        });
        return services;
    }
}
