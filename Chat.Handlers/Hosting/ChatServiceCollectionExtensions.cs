using Chat.Handlers.Commands;
using Chat.Handlers.Commands.BuiltIn;
using Chat.Handlers.Pipeline;
using Chat.Handlers.Rooms;
using Chat.Handlers.Sessions;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Hosting;

public static class ChatServiceCollectionExtensions
{
    /// <summary>
    /// The chat core, its options (validated at start), the built-in commands and the chat port's connection guards
    /// (with Kestrel's connection limit bound to <see cref="ChatLimits.MaxConnections"/>).
    /// </summary>
    public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration chatSection)
    {
        services.AddOptions<ChatOptions>().Bind(chatSection).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RoomRegistry>();
        services.TryAddSingleton<UserDirectory>();
        services.TryAddSingleton<ChatService>();
        services.TryAddSingleton<CommandTable>();
        services.TryAddSingleton<ViolationTracker>();
        services.TryAddSingleton<ConnectionLimiter>();
        services.TryAddSingleton<TcpKeepAlive>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, KestrelConnectionLimitSetup>());
        services.AddChatCommand<HelpCommand>()
            .AddChatCommand<WhoCommand>()
            .AddChatCommand<NickCommand>()
            .AddChatCommand<QuitCommand>()
            .AddChatCommand<JoinCommand>()
            .AddChatCommand<LeaveCommand>()
            .AddChatCommand<SwitchCommand>()
            .AddChatCommand<RoomsCommand>()
            .AddChatCommand<TopicCommand>()
            .AddChatCommand<MsgCommand>()
            .AddChatCommand<MeCommand>();
        return services;
    }

    /// <summary>Adds a slash command; it shows in <c>/help</c> like the built-ins.</summary>
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
