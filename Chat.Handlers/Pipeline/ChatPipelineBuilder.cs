using Microsoft.Extensions.DependencyInjection;

namespace Chat.Handlers.Pipeline;

/// <summary>Builds the chat pipeline from filters in order of registration, as an application builder does.</summary>
public sealed class ChatPipelineBuilder(IServiceProvider services)
{
    private readonly List<Func<ChatDelegate, ChatDelegate>> _components = [];

    public IServiceProvider Services { get; } = services;

    public ChatPipelineBuilder Use(Func<ChatDelegate, ChatDelegate> middleware)
    {
        _components.Add(middleware);
        return this;
    }

    /// <summary>Adds a filter class, created once from the service provider.</summary>
    public ChatPipelineBuilder UseFilter<TFilter>() where TFilter : IChatFilter =>
        Use(next =>
        {
            var filter = ActivatorUtilities.GetServiceOrCreateInstance<TFilter>(Services);
            return context => filter.InvokeAsync(context, next);
        });

    /// <summary>The composed pipeline; an input no filter handles ends quietly.</summary>
    public ChatDelegate Build()
    {
        ChatDelegate pipeline = _ => ValueTask.CompletedTask;
        for (var i = _components.Count - 1; i >= 0; i--)
        {
            pipeline = _components[i](pipeline);
        }

        return pipeline;
    }
}
