using System.ComponentModel.DataAnnotations;

namespace Chat.Redis;

/// <summary>The <c>Chat:Cluster</c> section: several nodes sharing rooms, names and presence through one Redis.</summary>
public sealed class ClusterOptions
{
    public const string Section = "Chat:Cluster";

    /// <summary>A StackExchange.Redis configuration string (<c>localhost:6379</c>); unset, the node runs alone.</summary>
    public string? Redis { get; set; }

    /// <summary>
    /// How long a node's names and presence outlive it: it renews its lease three times per timeout, and a node that
    /// stops renewing (killed, cut off) has its users removed and its names freed by the others once it has run out.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
