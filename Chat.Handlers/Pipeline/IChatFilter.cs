namespace Chat.Handlers.Pipeline;

/// <summary>A pipeline filter: does one thing, then calls <paramref name="next"/> or stops the input there.</summary>
public interface IChatFilter
{
    ValueTask InvokeAsync(ChatContext context, ChatDelegate next);
}
