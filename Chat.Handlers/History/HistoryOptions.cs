using System.ComponentModel.DataAnnotations;

namespace Chat.Handlers.History;

/// <summary>The <c>Chat:History</c> configuration section.</summary>
public sealed record HistoryOptions : IValidatableObject
{
    public const string Section = "Chat:History";

    public const int PageSizeLimit = 500;

    public bool Enabled { get; set; } = true;

    /// <summary>A Microsoft.Data.Sqlite connection string; a relative <c>Data Source</c> is beside the app (<see cref="AppContext.BaseDirectory"/>).</summary>
    [Required, MinLength(1)]
    public string ConnectionString { get; set; } = "Data Source=chat.db";

    /// <summary>Entries shown when joining a room.</summary>
    [Range(0, PageSizeLimit)]
    public int OnJoin { get; set; } = 20;

    /// <summary>Most entries one history request returns.</summary>
    [Range(1, PageSizeLimit)]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>A typed payload's bytes are kept up to this decoded size; larger payloads keep their metadata only.</summary>
    [Range(0, 16 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>Entries kept per room.</summary>
    [Range(1, 100_000_000)]
    public int RetentionCount { get; set; } = 10_000;

    /// <summary>Entries older than this are deleted.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "36500.00:00:00")]
    public TimeSpan RetentionAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often retention runs (and once at start).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OnJoin > MaxPageSize)
        {
            yield return new ValidationResult(
                $"Chat:History:OnJoin ({OnJoin}) must not exceed Chat:History:MaxPageSize ({MaxPageSize}).", [nameof(OnJoin)]);
        }
    }
}
