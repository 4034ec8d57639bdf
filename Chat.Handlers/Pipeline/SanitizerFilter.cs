using System.Text;
using Chat.Handlers.Sessions;
using Chat.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Pipeline;

/// <summary>
/// Makes every free-text field others may see fit to relay, before the filters that act on it: strips what could take
/// over another user's terminal or disguise text (<see cref="ContentSanitizer"/>), then caps it. Chat text (a caption
/// and a direct message too), actions and a custom command's arguments may be as long as a text-mode line, whatever
/// the front sent them: <see cref="ChatLimits.MaxLineBytes"/> in UTF-8 with the line ending, else
/// <c>line_too_long</c>, a violation as an over-long line is; only a payload's <c>data</c> may be long. Leave and quit
/// reasons are cut to <see cref="ChatLimits.MaxReasonLength"/> characters, so leaving always works. Topics, file names
/// and content types are cleaned here and capped where they are checked (the core, the payload filter). A chat line
/// left blank (or blank to begin with) is dropped, and so is a blank action. Names and rooms are not cleaned but
/// checked: a control character makes them invalid.
/// </summary>
public sealed partial class SanitizerFilter(ViolationTracker violations, IOptions<ChatOptions> options, ILogger<SanitizerFilter> logger)
    : IChatFilter
{
    private readonly ChatLimits _limits = options.Value.Limits;

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

                if (IsOverLong(text))
                {
                    return Refuse(context.Session);
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

                if (IsOverLong(acted))
                {
                    return Refuse(context.Session);
                }

                context.Input = action with { Text = acted };
                break;
            case TopicMessage { Topic: { } topic } message:
                context.Input = message with { Topic = ContentSanitizer.Sanitize(topic) };
                break;
            case LeaveMessage leave:
                context.Input = leave with { Reason = Reason(leave.Reason) };
                break;
            case QuitMessage quit:
                context.Input = quit with { Reason = Reason(quit.Reason) };
                break;
            case KickMessage kick:
                context.Input = kick with { Reason = Reason(kick.Reason) };
                break;
            case CommandMessage command:
                var args = ContentSanitizer.Sanitize(command.Args);
                if (IsOverLong(args))
                {
                    return Refuse(context.Session);
                }

                context.Input = command with { Args = args };
                break;
        }

        return next(context);
    }

    /// <summary>Whether the text and a line ending would not fit a text-mode line; counted only where it could be close.</summary>
    private bool IsOverLong(string text) =>
        text.Length >= _limits.MaxLineBytes
        || (text.Length * 3L >= _limits.MaxLineBytes && Encoding.UTF8.GetByteCount(text) >= _limits.MaxLineBytes);

    private ValueTask Refuse(ChatSession session)
    {
        Log.TextTooLong(logger, _limits.MaxLineBytes);
        session.Send(new ChatError(ErrorCodes.LineTooLong, Limit: _limits.MaxLineBytes));
        violations.Record(session, ViolationTracker.TooManyLongLines);
        return ValueTask.CompletedTask;
    }

    /// <summary>A reason cleaned and cut to its cap, never inside a surrogate pair; null when blank.</summary>
    private string? Reason(string? reason)
    {
        var clean = Optional(reason);
        var max = _limits.MaxReasonLength;
        return clean is null || clean.Length <= max ? clean : clean[..(char.IsHighSurrogate(clean[max - 1]) ? max - 1 : max)];
    }

    private static string? Optional(string? value) =>
        value is null ? null : ContentSanitizer.Sanitize(value) is { } clean && !string.IsNullOrWhiteSpace(clean) ? clean : null;

    private static partial class Log
    {
        [LoggerMessage(602, LogLevel.Warning, "Text over {MaxLineBytes} bytes discarded")]
        public static partial void TextTooLong(ILogger logger, int maxLineBytes);
    }
}
