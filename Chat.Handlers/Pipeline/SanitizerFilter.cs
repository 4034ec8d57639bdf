using Chat.Protocol;

namespace Chat.Handlers.Pipeline;

/// <summary>
/// Strips what could take over another user's terminal or disguise text (<see cref="ContentSanitizer"/>) from
/// everything of a chat line that others see (its text, and a payload's file name and content type) before the
/// filters that act on it, commands included. A line left blank (or blank to begin with) is dropped.
/// </summary>
public sealed class SanitizerFilter : IChatFilter
{
    public ValueTask InvokeAsync(ChatContext context, ChatDelegate next)
    {
        if (context.Input is not SayMessage say)
        {
            return next(context);
        }

        var text = ContentSanitizer.Sanitize(say.Text);
        if (string.IsNullOrWhiteSpace(text) && !say.HasPayload)
        {
            return ValueTask.CompletedTask;
        }

        var name = SanitizeOptional(say.Name);
        var contentType = SanitizeOptional(say.ContentType);
        if (!ReferenceEquals(text, say.Text) || !ReferenceEquals(name, say.Name) || !ReferenceEquals(contentType, say.ContentType))
        {
            context.Input = say with { Text = text, Name = name, ContentType = contentType };
        }

        return next(context);
    }

    private static string? SanitizeOptional(string? value) =>
        value is null ? null : ContentSanitizer.Sanitize(value) is { Length: > 0 } clean ? clean : null;
}
