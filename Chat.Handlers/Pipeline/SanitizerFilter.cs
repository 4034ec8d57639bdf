using Chat.Protocol;

namespace Chat.Handlers.Pipeline;

/// <summary>
/// Strips what could take over another user's terminal or disguise text (<see cref="ContentSanitizer"/>) from chat
/// text and file names before anything else sees them, commands included. A line left empty is dropped.
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
        var name = say.Name is null ? null : ContentSanitizer.Sanitize(say.Name) is { Length: > 0 } clean ? clean : null;
        if (string.IsNullOrWhiteSpace(text) && !say.HasPayload)
        {
            return ValueTask.CompletedTask;
        }

        if (!ReferenceEquals(text, say.Text) || !ReferenceEquals(name, say.Name))
        {
            context.Input = say with { Text = text, Name = name };
        }

        return next(context);
    }
}
