using System.Buffers.Text;
using System.Text;

namespace Chat.Bench;

/// <summary>
/// The lines a benchmark client sends and recognises, in text, JSON or IRC mode. A benchmark message's text is
/// <c>~</c> followed by the sender's <see cref="System.Diagnostics.Stopwatch"/> timestamp: the clock is the
/// machine's monotonic clock, shared by every process, so a receiver computes the latency directly.
/// </summary>
/// <param name="room">The room benchmark messages go to; IRC names it in every message.</param>
public sealed class WireLines(WireMode mode, string? room)
{
    private const byte Marker = (byte)'~';

    private readonly byte[] _messagePrefix = Encoding.UTF8.GetBytes(mode switch
    {
        WireMode.Json => """{"type":"say","text":"~""",
        WireMode.Irc => $"PRIVMSG #{room} :~",
        _ => "~",
    });

    private readonly byte[] _messageSuffix = Encoding.UTF8.GetBytes(mode switch
    {
        WireMode.Json => "\"}\n",
        WireMode.Irc => "\r\n",
        _ => "\n",
    });

    public WireMode Mode { get; } = mode;

    /// <summary>Registers: the name, a JSON hello, or IRC's NICK and USER.</summary>
    public byte[] Hello(string name) => Line(Mode switch
    {
        WireMode.Json => $$"""{"type":"hello","name":"{{name}}"}""",
        WireMode.Irc => $"NICK {name}\r\nUSER {name} 0 * :{name}",
        _ => name,
    });

    public byte[] Join(string room) => Line(Mode switch
    {
        WireMode.Json => $$"""{"type":"say","text":"/join {{room}}"}""",
        WireMode.Irc => $"JOIN #{room}",
        _ => $"/join {room}",
    });

    /// <summary>The server's answer to a successful registration.</summary>
    public bool IsWelcome(ReadOnlySpan<byte> line) => Mode switch
    {
        WireMode.Json => line.StartsWith("""{"type":"welcome","""u8),
        WireMode.Irc => line.IndexOf(" 001 "u8) > 0,
        _ => line.StartsWith("*** Welcome, "u8),
    };

    public bool IsError(ReadOnlySpan<byte> line) => Mode switch
    {
        WireMode.Json => line.StartsWith("""{"type":"error","""u8),
        WireMode.Irc => line.StartsWith("ERROR "u8),
        _ => line.StartsWith("!!! "u8),
    };

    /// <summary>
    /// The join notice a client gets for itself, which confirms it is in the room. IRC servers differ in the mask and
    /// in whether the channel is a trailing parameter (<c>JOIN :#room</c>), so only the nick and the channel count.
    /// </summary>
    public Func<ReadOnlySpan<byte>, bool> IsOwnJoin(string name, string room)
    {
        var expected = Encoding.UTF8.GetBytes(Mode switch
        {
            WireMode.Json => $$"""{"type":"join","room":"{{room}}","name":"{{name}}"}""",
            WireMode.Irc => $":{name}!",
            _ => $"*** {name} joined #{room}",
        });
        if (Mode != WireMode.Irc)
        {
            return line => line.SequenceEqual(expected);
        }

        var channel = Encoding.UTF8.GetBytes($"#{room}");
        return line => line.StartsWith(expected) && line.EndsWith(channel) && line.IndexOf(" JOIN "u8) > 0;
    }

    /// <summary>The answer to a server's ping, or null when <paramref name="line"/> is none.</summary>
    public byte[]? Pong(ReadOnlySpan<byte> line) => Mode switch
    {
        WireMode.Json when line.SequenceEqual("""{"type":"ping"}"""u8) => Line("""{"type":"pong"}"""),
        WireMode.Irc when line.StartsWith("PING "u8) => Line("PONG " + Encoding.UTF8.GetString(line[5..])),
        _ => null,
    };

    /// <summary>Writes a benchmark message carrying <paramref name="timestamp"/> into <paramref name="buffer"/>; returns its length.</summary>
    public int WriteMessage(Span<byte> buffer, long timestamp)
    {
        _messagePrefix.CopyTo(buffer);
        Utf8Formatter.TryFormat(timestamp, buffer[_messagePrefix.Length..], out var digits);
        _messageSuffix.CopyTo(buffer[(_messagePrefix.Length + digits)..]);
        return _messagePrefix.Length + digits + _messageSuffix.Length;
    }

    /// <summary>Room for the longest benchmark message.</summary>
    public int MaxMessageLength => _messagePrefix.Length + 20 + _messageSuffix.Length;

    /// <summary>
    /// The send timestamp of a benchmark message line, or false for any other line. Names and room names
    /// cannot contain <c>~</c>, so the last one in a line starts the payload.
    /// </summary>
    public static bool TryReadTimestamp(ReadOnlySpan<byte> line, out long timestamp)
    {
        var marker = line.LastIndexOf(Marker);
        timestamp = 0;
        return marker >= 0 && Utf8Parser.TryParse(line[(marker + 1)..], out timestamp, out var consumed) && consumed > 0;
    }

    private byte[] Line(string text) => Encoding.UTF8.GetBytes(text + (Mode == WireMode.Irc ? "\r\n" : "\n"));
}
