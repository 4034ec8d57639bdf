namespace Chat.Handlers.Fronts.Irc;

/// <summary>The <c>Chat:Irc</c> section (docs/CONFIGURATION.md): what the IRC front tells clients about the server.</summary>
public sealed class IrcOptions
{
    public const string Section = "Chat:Irc";

    /// <summary>The network name clients show (ISUPPORT <c>NETWORK</c>, the welcome); <c>Chat:ServerName</c> when unset.</summary>
    public string? Network { get; set; }

    /// <summary>The message of the day, one entry per line; without one, clients get ERR_NOMOTD (422).</summary>
    public List<string> Motd { get; set; } = [];
}
