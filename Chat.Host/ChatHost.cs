using Chat.Handlers;
using Chat.Handlers.Fronts.Line;
using Chat.Handlers.Fronts.WebSocket;
using Chat.Handlers.History;
using Chat.Handlers.Hosting;
using Chat.Handlers.Pipeline;
using Chat.Handlers.Tls;
using Chat.Redis;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Serilog;
using Serilog.Formatting.Compact;

namespace Chat.Host;

/// <summary>Wiring only: Kestrel endpoints from configuration, Serilog, health checks, metrics, the chat pipeline and its history.</summary>
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
        var jsonLogs = builder.Configuration.GetValue<bool>("Chat:Logging:Json");
        var serilog = jsonLogs ? WithoutConsoleSinks(builder.Configuration) : builder.Configuration;
        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .ReadFrom.Configuration(serilog)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Filter.ByExcluding(e => ServerCommand.IsAddressInUse(e.Exception));
            if (jsonLogs)
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
        }, preserveStaticLogger: true);

        builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel
            .Configure(kestrel.ApplicationServices.GetRequiredService<ChatTlsEndpoint>().SelectConfiguration(context.Configuration.GetSection("Kestrel")))
            .MapChatEndpoints(kestrel.ApplicationServices, onEndpoint)
            .Endpoint("Http", (EndpointConfiguration endpoint) => onEndpoint?.Invoke("Http", endpoint.ListenOptions))
            .Endpoint("Https", (EndpointConfiguration endpoint) => onEndpoint?.Invoke("Https", endpoint.ListenOptions)));

        // Transport tuning (IOQueueCount, UnsafePreferInlineScheduling, Backlog...) from configuration: docs/BENCHMARKS.md.
        builder.Services.Configure<SocketTransportOptions>(builder.Configuration.GetSection("SocketTransport"));
        builder.Services.AddChatRedis(builder.Configuration);
        builder.Services.AddChat(builder.Configuration.GetSection(ChatOptions.Section));
        builder.Services.AddSqliteStores();
        builder.Services.AddLineFront();
        builder.Services.AddWebSocketFront(builder.Configuration.GetSection(WebSocketFrontOptions.Section));
        builder.Services.AddChatTls(builder.Configuration.GetSection(ChatTlsOptions.Section));
        builder.Services.AddChatHistory(builder.Configuration.GetSection(HistoryOptions.Section));
        builder.Services.AddChatCommand<RollCommand>();
        // Kestrel's own meter counts what never reaches the chat: connections over its hard limit, TLS handshakes.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ChatMetrics.MeterName, "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
            .AddPrometheusExporter());
        builder.Services.AddChatPipeline(UseFilters);

        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = ChatPageHeaders.Add });
        app.MapChatWebSocket();
        // Alive: the process answers. Ready: every check tagged "ready" passes (not stopping; later the stores).
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ChatReadiness.Tag),
            ResultStatusCodes =
            {
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapPrometheusScrapingEndpoint();
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

    /// <summary>
    /// The <c>Serilog</c> section without its console sinks, for <c>Chat:Logging:Json</c>: the JSON console sink takes
    /// their place (a configuration layer can override a key but not remove one). Other sinks stay.
    /// </summary>
    private static IConfiguration WithoutConsoleSinks(IConfiguration configuration)
    {
        var consoles = configuration.GetSection("Serilog:WriteTo").GetChildren()
            .Where(sink => sink["Name"] == "Console")
            .Select(sink => sink.Path + ":")
            .ToList();
        return new ConfigurationBuilder()
            .AddInMemoryCollection(configuration.GetSection("Serilog").AsEnumerable()
                .Where(setting => !consoles.Any(console => (setting.Key + ":").StartsWith(console, StringComparison.OrdinalIgnoreCase))))
            .Build();
    }

    /// <summary>The builder with the server's configuration sources (appsettings.json next to the binary, environment, command line).</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args) => WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = CommandLineShortcuts.Expand(args),
        ContentRootPath = AppContext.BaseDirectory,
    });
}
