using System.Buffers;
using System.Text.Unicode;
using Chat.Handlers.Protocol;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// Formats an <see cref="IrcMessage"/> as one line ending in CR LF, straight into the output's memory.
/// </summary>
/// <remarks>
/// Never produces a line a client could misread: the body (source, command, parameters) is cut at
/// <see cref="IrcLimits.MaxBodyContentBytes"/> on a character boundary, a tag that would take the tag data over
/// <see cref="IrcLimits.MaxTagDataBytes"/> is left out whole, and CR, LF and NUL are dropped from the text.
/// The last parameter is sent as trailing (after " :") only when it has to be (empty, holding a space, or starting with
/// ':') or the message asks for it (<see cref="IrcMessage.ForceTrailing"/>).
/// </remarks>
public sealed class IrcMessageWriter : IMessageWriter<IrcMessage>
{
    private static readonly SearchValues<char> Unsendable = SearchValues.Create("\0\r\n");
    private static readonly SearchValues<char> NeedsTrailing = SearchValues.Create(" \0\r\n");

    public static IrcMessageWriter Instance { get; } = new();

    public void WriteMessage(IrcMessage message, IBufferWriter<byte> output) => Write(message, output);

    public static void Write(IrcMessage message, IBufferWriter<byte> output) =>
        output.Advance(Write(message, output.GetSpan(MaxLength(message))));

    /// <summary>The line as bytes, for a broadcast encoded once and queued to every recipient.</summary>
    public static byte[] Encode(IrcMessage message)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxLength(message));
        var line = buffer.AsSpan(0, Write(message, buffer)).ToArray();
        ArrayPool<byte>.Shared.Return(buffer);
        return line;
    }

    /// <summary>An upper bound of the line's length: the tags at up to three bytes a character, and a full body.</summary>
    private static int MaxLength(IrcMessage message)
    {
        long tags = 0;
        foreach (var tag in message.Tags)
        {
            tags += tag.Key.Length + 2 + 3L * tag.Value.Length;
        }

        return (int)Math.Min(tags == 0 ? 0 : tags + 1, IrcLimits.MaxTagDataBytes + 2) + IrcLimits.MaxBodyBytes;
    }

    private static int Write(IrcMessage message, Span<byte> destination)
    {
        var length = WriteTags(message.Tags, destination);
        var body = new Body(destination.Slice(length, IrcLimits.MaxBodyContentBytes));
        if (message.Prefix is { } prefix)
        {
            body.Write((byte)':');
            body.Write(prefix);
            body.Write((byte)' ');
        }

        body.Write(message.Command);
        var parameters = message.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            body.Write((byte)' ');
            if (i == parameters.Count - 1 && (message.ForceTrailing || parameter.Length == 0 || parameter[0] == ':' || parameter.AsSpan().ContainsAny(NeedsTrailing)))
            {
                body.Write((byte)':');
            }

            body.Write(parameter);
        }

        length += body.Length;
        destination[length++] = (byte)'\r';
        destination[length++] = (byte)'\n';
        return length;
    }

    /// <summary>Writes <c>@key=value;key … </c>, or nothing when no tag fits; returns the bytes written.</summary>
    private static int WriteTags(IReadOnlyList<IrcTag> tags, Span<byte> destination)
    {
        if (tags.Count == 0)
        {
            return 0;
        }

        destination[0] = (byte)'@';
        var end = Math.Min(1 + IrcLimits.MaxTagDataBytes, destination.Length - IrcLimits.MaxBodyBytes - 1);
        var length = 1;
        foreach (var tag in tags)
        {
            var start = length;
            if (start > 1 && start < end)
            {
                destination[length++] = (byte)';';
            }

            if (Utf8.FromUtf16(tag.Key, destination[length..end], out _, out var keyBytes) == OperationStatus.Done)
            {
                length += keyBytes;
                if (tag.Value.Length == 0)
                {
                    continue;
                }

                if (length < end)
                {
                    destination[length++] = (byte)'=';
                    if (IrcTagEscaping.TryWrite(tag.Value, destination[length..end], out var valueBytes))
                    {
                        length += valueBytes;
                        continue;
                    }
                }
            }

            length = start;
        }

        if (length == 1)
        {
            return 0;
        }

        destination[length++] = (byte)' ';
        return length;
    }

    /// <summary>The body so far; once something does not fit, nothing more is written.</summary>
    private ref struct Body(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;
        private bool _full;

        public int Length { get; private set; }

        public void Write(byte value)
        {
            _full |= Length == _destination.Length;
            if (!_full)
            {
                _destination[Length++] = value;
            }
        }

        /// <summary>Writes whole UTF-8 characters while they fit, without CR, LF and NUL.</summary>
        public void Write(ReadOnlySpan<char> text)
        {
            while (!_full && !text.IsEmpty)
            {
                var stop = text.IndexOfAny(Unsendable);
                var run = stop < 0 ? text : text[..stop];
                _full = Utf8.FromUtf16(run, _destination[Length..], out _, out var written) != OperationStatus.Done;
                Length += written;
                text = stop < 0 ? default : text[(stop + 1)..];
            }
        }
    }
}
