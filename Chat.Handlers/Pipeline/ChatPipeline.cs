namespace Chat.Handlers.Pipeline;

/// <summary>The built pipeline, a singleton the connection handler invokes for every input.</summary>
public sealed class ChatPipeline(ChatDelegate pipeline)
{
    public ValueTask Invoke(ChatContext context) => pipeline(context);
}
