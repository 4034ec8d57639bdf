using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Chat.Tests.Tls;

/// <summary>A Serilog sink that keeps the server's log events; the host reads sinks from its services.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public void AddTo(WebApplicationBuilder builder) => builder.Services.AddSingleton<ILogEventSink>(this);

    public IReadOnlyList<string> Messages(LogEventLevel level) =>
        [.. Events.Where(e => e.Level == level).Select(e => e.RenderMessage())];
}
