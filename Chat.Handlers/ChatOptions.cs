using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Chat.Handlers;

/// <summary>The <c>Chat</c> configuration section (docs/CONFIGURATION.md).</summary>
public sealed class ChatOptions : IValidatableObject
{
    public const string Section = "Chat";

    [Required, MinLength(1)]
    public string ServerName { get; set; } = "ChatApp";

    /// <summary>Where users land after registering. Always exists.</summary>
    [Required, MinLength(1)]
    public string DefaultRoom { get; set; } = "general";

    /// <summary>Rooms that always exist, besides the default room.</summary>
    public List<string> Rooms { get; set; } = [];

    [ValidateObjectMembers]
    public ChatLimits Limits { get; set; } = new();

    /// <summary>Largest decoded payload of a typed message (JSON mode).</summary>
    [Range(0, 64 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>MIME types a payload may have; <c>type/*</c> allows a whole family.</summary>
    public List<string> AllowedContentTypes { get; set; } =
        ["text/plain", "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "application/octet-stream"];

    /// <summary>JSON lines may carry a base64 payload on top of an ordinary line.</summary>
    public int MaxJsonLineBytes => Limits.MaxLineBytes + (MaxPayloadBytes + 2) / 3 * 4;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Otherwise one largest typed message would cut off every JSON recipient as a slow consumer.
        if (Limits.SendQueueBytes < 2 * MaxJsonLineBytes)
        {
            yield return new ValidationResult(
                $"Chat:Limits:SendQueueBytes ({Limits.SendQueueBytes}) must be at least twice the longest JSON line ({MaxJsonLineBytes}).",
                [nameof(ChatLimits.SendQueueBytes)]);
        }
    }
}

/// <summary>The <c>Chat:Limits</c> section: everything a client controls has a limit.</summary>
public sealed class ChatLimits
{
    /// <summary>Longest line accepted, line ending included.</summary>
    [Range(64, 16 * 1024 * 1024)]
    public int MaxLineBytes { get; set; } = 4096;

    [Range(1, 64)]
    public int MaxNameLength { get; set; } = 24;

    [Range(1, 64)]
    public int MaxRoomNameLength { get; set; } = 32;

    [Range(1, 4096)]
    public int MaxTopicLength { get; set; } = 300;

    [Range(1, 1000)]
    public int MaxRoomsPerUser { get; set; } = 20;

    /// <summary>Bytes queued for one connection before it is cut off as a slow consumer.</summary>
    [Range(4096, int.MaxValue)]
    public int SendQueueBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How long a closing connection may take to send its last lines before it is aborted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
