using System.Buffers.Text;
using System.Net.Http.Headers;
using Chat.Handlers.Sessions;
using Chat.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Pipeline;

/// <summary>
/// Checks typed messages (a <c>say</c> with <c>data</c>): MIME syntax, the allow-list, base64 and the decoded size.
/// A valid one goes on with <see cref="ChatContext.Payload"/> set; a bad one gets an error with its own code.
/// Payload bytes are rate-limited per connection (<see cref="ChatLimits.PayloadBytesPerSecond"/>): a payload
/// counts for its size, not as one line.
/// </summary>
public sealed partial class PayloadFilter(IOptions<ChatOptions> options, ILogger<PayloadFilter> logger) : IChatFilter
{
    private const int MaxFileNameLength = 255;

    /// <summary>Longest content type, parameters included: a type and a subtype are at most 127 characters each (RFC 6838).</summary>
    private const int MaxContentTypeLength = 255;

    private static readonly object Key = new();
    private readonly ChatOptions _options = options.Value;

    public ValueTask InvokeAsync(ChatContext context, ChatDelegate next)
    {
        if (context.Input is not SayMessage { HasPayload: true } say)
        {
            return next(context);
        }

        var (payload, error) = Validate(say);
        if (error is not null)
        {
            Log.PayloadRejected(logger, error.Code);
            context.Session.Send(error);
            return ValueTask.CompletedTask;
        }

        if (!PayloadAllowance(context.Session).TryTake((int)Math.Max(1, payload!.Size)))
        {
            Log.PayloadRejected(logger, ErrorCodes.RateLimited);
            context.Session.Send(new ChatError(ErrorCodes.RateLimited, "bytes", _options.Limits.PayloadBytesPerSecond));
            return ValueTask.CompletedTask;
        }

        context.Payload = payload;
        return next(context);
    }

    private (Payload?, ChatError?) Validate(SayMessage say)
    {
        var contentType = say.ContentType ?? "text/plain";
        if (contentType.Length > MaxContentTypeLength)
        {
            return (null, new(ErrorCodes.BadContentType, Limit: MaxContentTypeLength));
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || mediaType.MediaType is not { } type || !type.Contains('/'))
        {
            return (null, new(ErrorCodes.BadContentType, contentType));
        }

        if (!IsAllowed(type))
        {
            return (null, new(ErrorCodes.ContentTypeNotAllowed, type) { Detail = string.Join(", ", _options.AllowedContentTypes) });
        }

        if (!Base64.IsValid(say.Data, out var size))
        {
            return (null, new(ErrorCodes.BadBase64));
        }

        if (size > _options.MaxPayloadBytes)
        {
            return (null, new(ErrorCodes.PayloadTooLarge, Limit: _options.MaxPayloadBytes, Actual: size));
        }

        if (say.Name is { } name && (name.Length > MaxFileNameLength || name.Any(c => char.IsControl(c) || c is '/' or '\\')))
        {
            return (null, new(ErrorCodes.BadFileName, Limit: MaxFileNameLength));
        }

        return (new Payload(contentType, say.Name, say.Data!, size), null);
    }

    private Allowance PayloadAllowance(ChatSession session)
    {
        if (!session.Items.TryGetValue(Key, out var allowance))
        {
            var perSecond = _options.Limits.PayloadBytesPerSecond;
            allowance = new Allowance(Math.Max(_options.MaxPayloadBytes, perSecond), perSecond, TimeSpan.FromSeconds(1));
            session.Items[Key] = allowance;
        }

        return (Allowance)allowance;
    }

    private bool IsAllowed(string type) => _options.AllowedContentTypes.Any(allowed =>
        allowed.EndsWith("/*", StringComparison.Ordinal)
            ? type.StartsWith(allowed[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(allowed, type, StringComparison.OrdinalIgnoreCase));

    private static partial class Log
    {
        [LoggerMessage(300, LogLevel.Warning, "Typed message rejected: {ErrorCode}")]
        public static partial void PayloadRejected(ILogger logger, string errorCode);
    }
}
