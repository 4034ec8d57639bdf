using Chat.Handlers.Commands;

namespace Chat.Handlers.Pipeline;

/// <summary>The built-in filters, in the order the host usually registers them.</summary>
public static class ChatPipelineExtensions
{
    /// <summary>
    /// A per-connection rate limit: excess lines are dropped, a sustained flood closes the connection. Register it
    /// first, so every line counts, blank and escape-only ones included.
    /// </summary>
    public static ChatPipelineBuilder UseFloodControl(this ChatPipelineBuilder builder) => builder.UseFilter<FloodControlFilter>();

    /// <summary>Control characters, escape sequences and bidi overrides out of chat text; blank lines end here.</summary>
    public static ChatPipelineBuilder UseSanitizer(this ChatPipelineBuilder builder) => builder.UseFilter<SanitizerFilter>();

    /// <summary>Names: <c>hello</c> (or a text user's first line) registers; chat before that is refused.</summary>
    public static ChatPipelineBuilder UseRegistration(this ChatPipelineBuilder builder) => builder.UseFilter<RegistrationFilter>();

    /// <summary>Typed messages (JSON <c>data</c>): checks type, base64 and size before they go anywhere.</summary>
    public static ChatPipelineBuilder UsePayloads(this ChatPipelineBuilder builder) => builder.UseFilter<PayloadFilter>();

    /// <summary>Slash commands from the command table.</summary>
    public static ChatPipelineBuilder UseCommands(this ChatPipelineBuilder builder) => builder.UseFilter<CommandFilter>();

    /// <summary>Plain lines to their room. Register it last.</summary>
    public static ChatPipelineBuilder UseBroadcast(this ChatPipelineBuilder builder) => builder.UseFilter<BroadcastFilter>();
}
