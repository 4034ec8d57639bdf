using System.ComponentModel.DataAnnotations;

namespace Chat.Handlers.Accounts;

/// <summary>The <c>Chat:Accounts</c> section (docs/ACCOUNTS.md).</summary>
public sealed class AccountOptions
{
    /// <summary>The SQLite database; a relative file is beside the app. History may share the file: the tables differ.</summary>
    [Required, MinLength(1)]
    public string ConnectionString { get; set; } = "Data Source=chat.db";

    /// <summary>How long a guest who takes a registered name has to log in before being renamed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LoginTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Failed logins to one account, or from one address, before further attempts are refused.</summary>
    [Range(1, 1000)]
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long an account or address stays locked after <see cref="MaxFailedLogins"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    [Range(1, 128)]
    public int MinPasswordLength { get; set; } = 8;

    [Range(8, 1024)]
    public int MaxPasswordLength { get; set; } = 128;
}
