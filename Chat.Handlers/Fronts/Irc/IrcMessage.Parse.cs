using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Chat.Handlers.Fronts.Irc;

public sealed partial class IrcMessage
{
    private static readonly SearchValues<byte> NotInLine = SearchValues.Create("\0\r\n"u8);

    /// <summary>
    /// Parses one line a client sent, without its CR LF, under the client limits (<see cref="IrcLimits"/>).
    /// The command comes out upper case; repeated spaces between words are accepted; a repeated tag keeps its
    /// last value (IRCv3); text that is not valid UTF-8 is decoded as Windows-1252 (<see cref="IrcEncoding"/>).
    /// </summary>
    public static bool TryParse(in ReadOnlySequence<byte> line, [NotNullWhen(true)] out IrcMessage? message, out IrcParseError error)
    {
        if (line.IsSingleSegment)
        {
            return TryParse(line.FirstSpan, out message, out error);
        }

        // One byte past the longest valid line is enough to report an over-long one as too long.
        Span<byte> copy = stackalloc byte[(int)Math.Min(line.Length, IrcLimits.MaxClientTaggedLineBytes + 1)];
        line.Slice(0, copy.Length).CopyTo(copy);
        return TryParse(copy, out message, out error);
    }

    /// <inheritdoc cref="TryParse(in ReadOnlySequence{byte}, out IrcMessage?, out IrcParseError)"/>
    public static bool TryParse(ReadOnlySpan<byte> line, [NotNullWhen(true)] out IrcMessage? message, out IrcParseError error)
    {
        message = null;
        error = Parse(line, ref message);
        return error == IrcParseError.None;
    }

    private static IrcParseError Parse(ReadOnlySpan<byte> line, ref IrcMessage? message)
    {
        if (line.ContainsAny(NotInLine))
        {
            return IrcParseError.InvalidCharacter;
        }

        line = line.TrimStart((byte)' ');
        if (line.IsEmpty)
        {
            return IrcParseError.Empty;
        }

        IrcTag[] tags = [];
        if (line[0] == (byte)'@')
        {
            var end = line.IndexOf((byte)' ');
            if ((end < 0 ? line.Length : end) + 1 > IrcLimits.MaxClientTagsBytes)
            {
                return IrcParseError.TagsTooLong;
            }

            if (end < 0)
            {
                return IrcParseError.MissingCommand;
            }

            if (!TryParseTags(line[1..end], out tags))
            {
                return IrcParseError.InvalidTag;
            }

            line = line[end..].TrimStart((byte)' ');
        }

        if (line.Length > IrcLimits.MaxBodyContentBytes)
        {
            return IrcParseError.BodyTooLong;
        }

        string? prefix = null;
        if (!line.IsEmpty && line[0] == (byte)':')
        {
            var end = line.IndexOf((byte)' ');
            if (end == 1 || line.Length == 1)
            {
                return IrcParseError.InvalidPrefix;
            }

            if (end < 0)
            {
                return IrcParseError.MissingCommand;
            }

            prefix = IrcEncoding.Decode(line[1..end]);
            line = line[end..].TrimStart((byte)' ');
        }

        var commandEnd = line.IndexOf((byte)' ');
        var commandBytes = commandEnd < 0 ? line : line[..commandEnd];
        if (commandBytes.IsEmpty)
        {
            return IrcParseError.MissingCommand;
        }

        Span<char> command = stackalloc char[commandBytes.Length];
        if (!Ascii.IsValid(commandBytes) || Ascii.ToUpper(commandBytes, command, out _) != OperationStatus.Done
            || !IsValidCommand(command))
        {
            return IrcParseError.InvalidCommand;
        }

        line = commandEnd < 0 ? default : line[commandEnd..];
        Span<Range> ranges = stackalloc Range[IrcLimits.MaxParameters];
        var count = 0;
        for (var position = 0; ;)
        {
            while (position < line.Length && line[position] == (byte)' ')
            {
                position++;
            }

            if (position == line.Length)
            {
                break;
            }

            if (count == IrcLimits.MaxParameters)
            {
                return IrcParseError.TooManyParameters;
            }

            if (line[position] == (byte)':')
            {
                ranges[count++] = (position + 1)..line.Length;
                break;
            }

            var end = line[position..].IndexOf((byte)' ');
            end = end < 0 ? line.Length : position + end;
            ranges[count++] = position..end;
            position = end;
        }

        var parameters = new string[count];
        for (var i = 0; i < count; i++)
        {
            parameters[i] = IrcEncoding.Decode(line[ranges[i]]);
        }

        message = new IrcMessage(tags, prefix, new string(command), parameters);
        return IrcParseError.None;
    }

    private static bool TryParseTags(ReadOnlySpan<byte> data, out IrcTag[] tags)
    {
        tags = [];
        var parsed = new List<IrcTag>();
        foreach (var range in data.Split((byte)';'))
        {
            var tag = data[range];
            var equals = tag.IndexOf((byte)'=');
            var key = equals < 0 ? tag : tag[..equals];
            if (!Ascii.IsValid(key))
            {
                return false;
            }

            var keyText = Encoding.ASCII.GetString(key);
            if (!IrcTag.IsValidKey(keyText))
            {
                return false;
            }

            parsed.Add(new IrcTag(keyText, equals < 0 ? "" : IrcTagEscaping.Unescape(tag[(equals + 1)..])));
        }

        tags = LastOfEachKey(parsed);
        return true;
    }

    /// <summary>IRCv3: when a key repeats, its last value wins.</summary>
    private static IrcTag[] LastOfEachKey(List<IrcTag> tags)
    {
        if (tags.Count == 1)
        {
            return [tags[0]];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<IrcTag>(tags.Count);
        for (var i = tags.Count - 1; i >= 0; i--)
        {
            if (seen.Add(tags[i].Key))
            {
                kept.Add(tags[i]);
            }
        }

        kept.Reverse();
        return [.. kept];
    }
}
