using Chat.Handlers;
using Chat.Handlers.Hosting;
using Chat.Handlers.Pipeline;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Serilog;

namespace Chat.Host;

/// <summary>Wiring only: Kestrel endpoints from configuration, Serilog, health checks and the chat pipeline.</summary>
public static class ChatHost
{
    /// <summary>
    /// Builds the server. <paramref name="onEndpoint"/> sees each named endpoint's listen options (tests read
    /// bound ports there); <paramref name="configure"/> may add services before the app is built.
    /// </summary>
    public static WebApplication Build(string[] args, Action<string, ListenOptions>? onEndpoint = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = CommandLineShortcuts.Expand(args),
            ContentRootPath = AppContext.BaseDirectory,
        });

        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());

        builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel
            .Configure(context.Configuration.GetSection("Kestrel"))
            .Endpoint("Chat", (EndpointConfiguration endpoint) =>
            {
                endpoint.ListenOptions.UseConnectionHandler<ChatConnectionHandler>();
                onEndpoint?.Invoke("Chat", endpoint.ListenOptions);
            })
            .Endpoint("Http", (EndpointConfiguration endpoint) => onEndpoint?.Invoke("Http", endpoint.ListenOptions)));

        // Transport tuning (IOQueueCount, UnsafePreferInlineScheduling, Backlog...) from configuration: docs/BENCHMARKS.md.
        builder.Services.Configure<SocketTransportOptions>(builder.Configuration.GetSection("SocketTransport"));
        builder.Services.AddHealthChecks();
        builder.Services.AddChat(builder.Configuration.GetSection(ChatOptions.Section));
        builder.Services.AddChatCommand<RollCommand>();
        builder.Services.AddChatPipeline(chat => chat
            .UseRegistration()
            .UseCommands()
            .UseBroadcast());

        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapHealthChecks("/healthz");
        return app;
    }
}
