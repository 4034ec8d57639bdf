using Chat.Protocol;

namespace Chat.Handlers.Pipeline;

/// <summary>
/// Strips what could take over another user's terminal or disguise text (<see cref="ContentSanitizer"/>) from every
/// free-text field others may see (chat text, a payload's file name and content type, actions, topics, reasons, a
/// custom command's arguments) before the filters that act on it. Chat text (messages, actions, topics, reasons) keeps
/// IRC formatting codes for IRC users (<see cref="ContentSanitizer.SanitizeChat"/>). A chat line left blank (or blank
/// to begin with, formatting aside) is dropped, and so is a blank action. Names and rooms are not cleaned but checked:
/// a control character makes them invalid.
/// </summary>
public sealed class SanitizerFilter : IChatFilter
{
    public ValueTask InvokeAsync(ChatContext context, ChatDelegate next)
    {
        switch (context.Input)
        {
            case SayMessage say:
                var text = ContentSanitizer.SanitizeChat(say.Text);
                if (IsBlank(text) && !say.HasPayload)
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
                var acted = ContentSanitizer.SanitizeChat(action.Text);
                if (IsBlank(acted))
                {
                    return ValueTask.CompletedTask;
                }

                context.Input = action with { Text = acted };
                break;
            case TopicMessage { Topic: { } topic } message:
                context.Input = message with { Topic = ContentSanitizer.SanitizeChat(topic) };
                break;
            case LeaveMessage leave:
                context.Input = leave with { Reason = OptionalChat(leave.Reason) };
                break;
            case QuitMessage quit:
                context.Input = quit with { Reason = OptionalChat(quit.Reason) };
                break;
            case CommandMessage command:
                context.Input = command with { Args = ContentSanitizer.Sanitize(command.Args) };
                break;
        }

        return next(context);
    }

    /// <summary>Blank once formatting is stripped too: what text users would see of it.</summary>
    private static bool IsBlank(string text) => string.IsNullOrWhiteSpace(IrcFormatting.Strip(text));

    private static string? Optional(string? value) =>
        value is null ? null : ContentSanitizer.Sanitize(value) is { Length: > 0 } clean ? clean : null;

    private static string? OptionalChat(string? value) =>
        value is null ? null : ContentSanitizer.SanitizeChat(value) is { Length: > 0 } clean ? clean : null;
}
