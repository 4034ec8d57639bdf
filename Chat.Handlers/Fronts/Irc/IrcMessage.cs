using System.Buffers;
using System.Text;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// One IRC message (Modern IRC client protocol, IRCv3 message-tags): tags, an optional source (prefix),
/// a command and at most 15 parameters. Immutable; the command is always upper case.
/// </summary>
/// <remarks>
/// Only the last parameter may be empty, contain spaces or start with ':' (the writer then sends it as the
/// trailing parameter). CR, LF and NUL cannot travel inside a line: the writer drops them from the last parameter.
/// </remarks>
public sealed partial class IrcMessage : IEquatable<IrcMessage>
{
    private static readonly SearchValues<char> NotInWord = SearchValues.Create(" \0\r\n");

    private static readonly SearchValues<char> AsciiLetters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private readonly string[] _parameters;
    private readonly IrcTag[] _tags = [];
    private readonly string? _prefix;

    public IrcMessage(string command, params ReadOnlySpan<string> parameters)
    {
        if (!IsValidCommand(command))
        {
            throw new ArgumentException($"'{command}' is neither letters nor a three-digit numeric.", nameof(command));
        }

        if (parameters.Length > IrcLimits.MaxParameters)
        {
            throw new ArgumentException($"An IRC message has at most {IrcLimits.MaxParameters} parameters.", nameof(parameters));
        }

        for (var i = 0; i < parameters.Length - 1; i++)
        {
            if (!IsValidMiddle(parameters[i]))
            {
                throw new ArgumentException($"Parameter {i} ('{parameters[i]}') is empty, starts with ':' or holds a space, CR, LF or NUL; only the last parameter may.", nameof(parameters));
            }
        }

        Command = command.ToUpperInvariant();
        _parameters = parameters.ToArray();
    }

    /// <summary>For the parser, which has checked everything already.</summary>
    private IrcMessage(IrcTag[] tags, string? prefix, string command, string[] parameters) =>
        (_tags, _prefix, Command, _parameters) = (tags, prefix, command, parameters);

    public IReadOnlyList<IrcTag> Tags
    {
        get => _tags;
        init
        {
            var tags = value.ToArray();
            for (var i = 0; i < tags.Length; i++)
            {
                if (!IrcTag.IsValidKey(tags[i].Key) || IndexOfKey(tags.AsSpan(0, i), tags[i].Key) >= 0)
                {
                    throw new ArgumentException($"Tag '{tags[i].Key}' is a default tag or appears twice.", nameof(Tags));
                }
            }

            _tags = tags;
        }
    }

    /// <summary>The source: <c>nick!user@host</c> or a server name; null when absent.</summary>
    public string? Prefix
    {
        get => _prefix;
        init
        {
            if (value is not null && (value.Length == 0 || value.AsSpan().ContainsAny(NotInWord)))
            {
                throw new ArgumentException($"'{value}' is not a valid IRC source.", nameof(Prefix));
            }

            _prefix = value;
        }
    }

    public string Command { get; }

    /// <summary>
    /// Write the last parameter as trailing (after " :") even when it does not need it, as servers do for text
    /// (PRIVMSG, numerics' sentences): some clients and bots look for the text after " :". Not part of equality.
    /// </summary>
    public bool ForceTrailing { get; init; }

    public IReadOnlyList<string> Parameters => _parameters;

    public bool TryGetTag(string key, out string value)
    {
        var index = IndexOfKey(_tags, key);
        value = index >= 0 ? _tags[index].Value : "";
        return index >= 0;
    }

    /// <summary>The line as the writer sends it, without CR LF.</summary>
    public override string ToString()
    {
        var line = IrcMessageWriter.Encode(this);
        return Encoding.UTF8.GetString(line.AsSpan(0, line.Length - 2));
    }

    public bool Equals(IrcMessage? other) =>
        other is not null &&
        Command == other.Command &&
        _prefix == other._prefix &&
        _parameters.AsSpan().SequenceEqual(other._parameters) &&
        _tags.AsSpan().SequenceEqual(other._tags);

    public override bool Equals(object? obj) => Equals(obj as IrcMessage);

    public override int GetHashCode() => HashCode.Combine(Command, _prefix, _parameters.Length, _tags.Length);

    /// <summary>ASCII letters, or exactly three digits.</summary>
    public static bool IsValidCommand(ReadOnlySpan<char> command) =>
        command.Length > 0 && (!command.ContainsAnyExcept(AsciiLetters)
            || (command.Length == 3 && !command.ContainsAnyExceptInRange('0', '9')));

    private static int IndexOfKey(ReadOnlySpan<IrcTag> tags, string key)
    {
        for (var i = 0; i < tags.Length; i++)
        {
            if (tags[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsValidMiddle(string parameter) =>
        parameter.Length > 0 && parameter[0] != ':' && !parameter.AsSpan().ContainsAny(NotInWord);
}
