using Chat.Handlers;
using Chat.Handlers.Fronts.Line;
using Chat.Handlers.Fronts.WebSocket;
using Chat.Handlers.Hosting;
using Chat.Handlers.Pipeline;
using Chat.Handlers.Tls;
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
        var builder = CreateBuilder(args);

        // preserveStaticLogger: each host keeps its own logger, so hosts started side by side (tests) never
        // write through one another's. A port in use is reported in one line by ServerCommand: the host's own
        // report of it is a stack trace.
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Filter.ByExcluding(e => ServerCommand.IsAddressInUse(e.Exception)), preserveStaticLogger: true);

        builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel
            .Configure(kestrel.ApplicationServices.GetRequiredService<ChatTlsEndpoint>().SelectConfiguration(context.Configuration.GetSection("Kestrel")))
            .MapChatEndpoints(kestrel.ApplicationServices, onEndpoint)
            .Endpoint("Http", (EndpointConfiguration endpoint) => onEndpoint?.Invoke("Http", endpoint.ListenOptions))
            .Endpoint("Https", (EndpointConfiguration endpoint) => onEndpoint?.Invoke("Https", endpoint.ListenOptions)));

        // Transport tuning (IOQueueCount, UnsafePreferInlineScheduling, Backlog...) from configuration: docs/BENCHMARKS.md.
        builder.Services.Configure<SocketTransportOptions>(builder.Configuration.GetSection("SocketTransport"));
        builder.Services.AddHealthChecks();
        builder.Services.AddChat(builder.Configuration.GetSection(ChatOptions.Section));
        builder.Services.AddSqliteStores();
        builder.Services.AddLineFront();
        builder.Services.AddWebSocketFront(builder.Configuration.GetSection(WebSocketFrontOptions.Section));
        builder.Services.AddChatTls(builder.Configuration.GetSection(ChatTlsOptions.Section));
        builder.Services.AddChatCommand<RollCommand>();
        builder.Services.AddChatPipeline(UseFilters);

        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = ChatPageHeaders.Add });
        app.MapChatWebSocket();
        app.MapHealthChecks("/healthz");
        return app;
    }

    /// <summary>The filters every input flows through, in order.</summary>
    public static void UseFilters(ChatPipelineBuilder chat) => chat
        .UseFloodControl()
        .UseSanitizer()
        .UseRegistration()
        .UsePayloads()
        .UseCommands()
        .UseBroadcast();

    /// <summary>The builder with the server's configuration sources (appsettings.json next to the binary, environment, command line).</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args) => WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = CommandLineShortcuts.Expand(args),
        ContentRootPath = AppContext.BaseDirectory,
    });
}
