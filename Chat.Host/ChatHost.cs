using Chat.Handlers;
using Chat.Handlers.Fronts.Line;
using Chat.Handlers.Hosting;
using Chat.Handlers.Pipeline;
using Chat.Handlers.Tls;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using OpenTelemetry.Metrics;
using Serilog;
using Serilog.Formatting.Compact;

namespace Chat.Host;

/// <summary>Wiring only: Kestrel endpoints from configuration, Serilog, health checks, metrics and the chat pipeline.</summary>
public static class ChatHost
{
    /// <summary>Console lines for people; <c>Chat:Logging:Json</c> switches to one JSON object a line for log shippers.</summary>
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {ConnectionId} {UserName}{NewLine}{Exception}";

    /// <summary>
    /// Builds the server. <paramref name="onEndpoint"/> sees each named endpoint's listen options (tests read
    /// bound ports there); <paramref name="configure"/> may add services before the app is built.
    /// </summary>
    public static WebApplication Build(string[] args, Action<string, ListenOptions>? onEndpoint = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = CreateBuilder(args);

        // preserveStaticLogger: each host keeps its own logger, so hosts started side by side (tests) never
        // write through one another's. The console sink is ours, text or JSON; Serilog:WriteTo may add others.
        var jsonLogs = builder.Configuration.GetValue<bool>("Chat:Logging:Json");
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext();
            if (jsonLogs)
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(outputTemplate: TextTemplate);
            }
        }, preserveStaticLogger: true);

        builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel
            .Configure(kestrel.ApplicationServices.GetRequiredService<ChatTlsEndpoint>().SelectConfiguration(context.Configuration.GetSection("Kestrel")))
            .MapChatEndpoints(kestrel.ApplicationServices, onEndpoint)
            .Endpoint("Http", (EndpointConfiguration endpoint) => onEndpoint?.Invoke("Http", endpoint.ListenOptions)));

        // Transport tuning (IOQueueCount, UnsafePreferInlineScheduling, Backlog...) from configuration: docs/BENCHMARKS.md.
        builder.Services.Configure<SocketTransportOptions>(builder.Configuration.GetSection("SocketTransport"));
        builder.Services.AddChat(builder.Configuration.GetSection(ChatOptions.Section));
        builder.Services.AddLineFront();
        builder.Services.AddChatTls(builder.Configuration.GetSection(ChatTlsOptions.Section));
        builder.Services.AddChatCommand<RollCommand>();
        // Kestrel's own meter counts what never reaches the chat: connections over its hard limit, TLS handshakes.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ChatMetrics.MeterName, "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
            .AddPrometheusExporter());
        builder.Services.AddChatPipeline(UseFilters);

        configure?.Invoke(builder);
        var app = builder.Build();
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

    /// <summary>The builder with the server's configuration sources (appsettings.json next to the binary, environment, command line).</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args) => WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = CommandLineShortcuts.Expand(args),
        ContentRootPath = AppContext.BaseDirectory,
    });
}
