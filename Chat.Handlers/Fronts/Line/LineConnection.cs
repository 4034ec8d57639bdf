using System.Buffers;
using System.Text;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Line;

/// <summary>
/// One line-port connection: text until a first line that is a JSON object switches it to JSON Lines for good. A text
/// user's first line that is not a command is their name; JSON users say <c>hello</c>. Slash commands, typed or inside
/// a JSON <c>say</c>, go through <see cref="SlashCommands"/>.
/// </summary>
internal sealed class LineConnection(Sessions.ChatSession session, ChatOptions options) : FrontConnection(session)
{
    private bool _started;

    // Long payload lines only once registered: anonymous sockets cannot make the server buffer megabytes.
    public override int MaxFrameBytes => Session.Format == JsonLinesFormat.Instance && Session.IsRegistered
        ? options.MaxJsonLineBytes
        : options.Limits.MaxLineBytes;

    public override void Start() => Session.Send(new InfoEvent($"Welcome to {options.ServerName}! Enter your name:"));

    public override ClientMessage? Decode(in ReadOnlySequence<byte> frame, out ChatError? error)
    {
        error = null;
        var line = _started ? frame : WithoutByteOrderMark(frame);

        // A blank line is chat with blank text: it counts against the flood limit before it is dropped. At the name
        // prompt it is an empty name, which gets the rules and the prompt again. It does not choose the mode.
        if (IsBlank(line))
        {
            return Session.IsRegistered || Session.Format != TextFormat.Instance ? new SayMessage("") : new HelloMessage("");
        }

        if (!_started)
        {
            _started = true;
            if (StartsWithObject(line))
            {
                Session.Format = JsonLinesFormat.Instance;
            }
        }

        if (Session.Format == TextFormat.Instance)
        {
            var text = Encoding.UTF8.GetString(line).TrimEnd();
            return Session.IsRegistered || SlashCommands.IsCommand(text) ? SlashCommands.Parse(text, null, out error) : new HelloMessage(text.Trim());
        }

        return JsonLinesFormat.DecodeCommand(line, out error);
    }

    /// <summary>Some tools start a stream with a UTF-8 byte order mark: it is neither part of a name nor text before a JSON object.</summary>
    private static ReadOnlySequence<byte> WithoutByteOrderMark(in ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(line);
        return reader.IsNext([0xEF, 0xBB, 0xBF], advancePast: true) ? line.Slice(reader.Position) : line;
    }

    internal static bool IsBlank(in ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(line);
        reader.AdvancePastAny((byte)' ', (byte)'\t', (byte)'\r');
        return reader.End;
    }

    private static bool StartsWithObject(in ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(line);
        reader.AdvancePastAny((byte)' ', (byte)'\t');
        return reader.TryPeek(out var first) && first == (byte)'{';
    }
}
