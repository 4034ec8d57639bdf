using System.Text;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>RPL_ISUPPORT (005): the server's features as <c>NAME=value</c> tokens, sent after the welcome.</summary>
public static class IrcSupport
{
    /// <summary>Tokens in one 005 line: with the nick and the closing text, 15 parameters, the most a message has.</summary>
    public const int MaxTokensPerLine = IrcLimits.MaxParameters - 2;

    /// <summary>The tokens, built once at start-up; values are escaped as ISUPPORT requires.</summary>
    public static IReadOnlyList<string> Tokens(IrcSupportOptions options)
    {
        List<string> tokens =
        [
            $"NETWORK={EscapeValue(options.Network)}",
            $"CASEMAPPING={IrcCaseMapping.Name}",
            "CHANTYPES=#",
            $"NICKLEN={options.NickLength}",
            $"CHANNELLEN={options.ChannelLength}",
            $"TOPICLEN={options.TopicLength}",
            "PREFIX=(ov)@+",
            $"CHANMODES={EscapeValue(options.ChannelModes)}",
            $"MAXTARGETS={options.MaxTargets}",
            $"MODES={options.Modes}",
            $"AWAYLEN={options.AwayLength}",
            $"KICKLEN={options.KickLength}",
        ];

        if (options.ChatHistory > 0)
        {
            tokens.Add($"CHATHISTORY={options.ChatHistory}");
        }

        if (options.Utf8Only)
        {
            tokens.Add("UTF8ONLY");
        }

        return tokens;
    }

    /// <summary>The 005 replies for one client: <c>:server 005 nick TOKEN… :are supported by this server</c>.</summary>
    public static IReadOnlyList<IrcMessage> Replies(string serverName, string nick, IReadOnlyList<string> tokens) =>
        [.. tokens.Chunk(MaxTokensPerLine).Select(line =>
            new IrcMessage(IrcNumerics.RplISupport, [nick, .. line, "are supported by this server"]) { Prefix = serverName })];

    /// <summary>
    /// ISUPPORT values write space, '\' and '=' (and any byte outside printable ASCII) as <c>\xHH</c>, HH being the
    /// hexadecimal value of the UTF-8 byte.
    /// </summary>
    private static string EscapeValue(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is > (byte)' ' and < 0x7F and not (byte)'\\' and not (byte)'=')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append($"\\x{b:X2}");
            }
        }

        return escaped.ToString();
    }
}
