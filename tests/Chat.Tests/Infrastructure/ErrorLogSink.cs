using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Chat.Tests.Infrastructure;

/// <summary>Collects the server's log events at Error and above (an unhandled exception in a connection, say).</summary>
public sealed class ErrorLogSink : ILogEventSink
{
    public ConcurrentQueue<string> Errors { get; } = new();

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level >= LogEventLevel.Error)
        {
            Errors.Enqueue($"{logEvent.RenderMessage()} {logEvent.Exception}");
        }
    }

    /// <summary>Registers the sink with the host's Serilog logger, which reads sinks from the services.</summary>
    public void AddTo(WebApplicationBuilder builder) => builder.Services.AddSingleton<ILogEventSink>(this);
}
