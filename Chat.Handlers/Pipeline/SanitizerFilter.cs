using Chat.Protocol;

namespace Chat.Handlers.Pipeline;

/// <summary>
/// Strips what could take over another user's terminal or disguise text (<see cref="ContentSanitizer"/>) from every
/// free-text field others may see (chat text, a payload's file name and content type, actions, topics, reasons, a
/// custom command's arguments) before the filters that act on it. A chat line left blank (or blank to begin with) is
/// dropped, and so is a blank action. Names and rooms are not cleaned but checked: a control character makes them invalid.
/// </summary>
public sealed class SanitizerFilter : IChatFilter
{
    public ValueTask InvokeAsync(ChatContext context, ChatDelegate next)
    {
        switch (context.Input)
        {
            case SayMessage say:
                var text = ContentSanitizer.Sanitize(say.Text);
                if (string.IsNullOrWhiteSpace(text) && !say.HasPayload)
                {
                    return ValueTask.CompletedTask;
                }

                var name = Optional(say.Name);
                var contentType = Optional(say.ContentType);
                // Chat lines are the hot path: most are clean, and a clean one is not copied.
                if (!ReferenceEquals(text, say.Text) || !ReferenceEquals(name, say.Name) || !ReferenceEquals(contentType, say.ContentType))
                {
                    context.Input = say with { Text = text, Name = name, ContentType = contentType };
                }

                break;
            case ActionMessage action:
                var acted = ContentSanitizer.Sanitize(action.Text);
                if (string.IsNullOrWhiteSpace(acted))
                {
                    return ValueTask.CompletedTask;
                }

                context.Input = action with { Text = acted };
                break;
            case TopicMessage { Topic: { } topic } message:
                context.Input = message with { Topic = ContentSanitizer.Sanitize(topic) };
                break;
            case LeaveMessage leave:
                context.Input = leave with { Reason = Optional(leave.Reason) };
                break;
            case QuitMessage quit:
                context.Input = quit with { Reason = Optional(quit.Reason) };
                break;
            case CommandMessage command:
                context.Input = command with { Args = ContentSanitizer.Sanitize(command.Args) };
                break;
        }

        return next(context);
    }

    private static string? Optional(string? value) =>
        value is null ? null : ContentSanitizer.Sanitize(value) is { Length: > 0 } clean ? clean : null;
}
