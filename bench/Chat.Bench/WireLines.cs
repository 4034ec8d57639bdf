using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Chat.Bench;

/// <summary>
/// The lines a benchmark client sends and recognises: ChatApp's text or JSON mode, IRC (ChatApp's Irc port or another
/// IRC server), or the reference broadcaster's dialect (a name line, answered by <c>* you are NAME</c>; no rooms, no
/// errors). A benchmark message's text is <c>~SENDER:TIMESTAMP</c>: the sender's client number, so a client skips its
/// own lines (JSON clients get them back), and its <see cref="System.Diagnostics.Stopwatch"/> timestamp. That clock is
/// the machine's monotonic clock, shared by every process, so a receiver computes the latency directly.
/// </summary>
/// <param name="room">The room benchmark messages go to; IRC names it in every message.</param>
public sealed class WireLines(WireMode mode, BenchTarget target, string? room)
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

    /// <summary>ChatApp and IRC servers have rooms and announce joins; the reference broadcaster sends every line to everyone.</summary>
    public bool HasRooms => target == BenchTarget.Chat;

    /// <summary>Registration puts the user in a room (ChatApp's default room); IRC users join none by registering.</summary>
    public bool JoinsOnRegistration => HasRooms && Mode != WireMode.Irc;

    /// <summary>Room for the longest benchmark message.</summary>
    public int MaxMessageLength => _messagePrefix.Length + 11 + 1 + 20 + _messageSuffix.Length;

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
    public bool IsWelcome(ReadOnlySpan<byte> line) => target == BenchTarget.Reference
        ? line.StartsWith("* you are "u8)
        : Mode switch
        {
            WireMode.Json => line.StartsWith("""{"type":"welcome","""u8),
            WireMode.Irc => line.IndexOf(" 001 "u8) > 0,
            _ => line.StartsWith("*** Welcome, "u8),
        };

    public bool IsError(ReadOnlySpan<byte> line) => HasRooms && Mode switch
    {
        WireMode.Json => line.StartsWith("""{"type":"error","""u8),
        WireMode.Irc => line.StartsWith("ERROR "u8),
        _ => line.StartsWith("!!! "u8),
    };

    /// <summary>The code of a JSON error line; a text or IRC error line has none, so its message stands for it.</summary>
    public string ErrorCode(string line)
    {
        if (Mode != WireMode.Json)
        {
            return line.StartsWith("!!! ", StringComparison.Ordinal) ? line[4..] : line;
        }

        using var error = JsonDocument.Parse(line);
        return error.RootElement.TryGetProperty("code", out var code) ? code.GetString() ?? line : line;
    }

    /// <summary>
    /// Recognises the join notice a client gets for itself, which confirms it is in <paramref name="room"/>, or in
    /// whichever room registration put it when <paramref name="room"/> is null. IRC servers differ in the mask and in
    /// whether the channel is a trailing parameter (<c>JOIN :#room</c>), so there only the nick and the channel count.
    /// </summary>
    public Func<ReadOnlySpan<byte>, bool> OwnJoin(string name, string? room)
    {
        if (Mode == WireMode.Irc)
        {
            var source = Encoding.UTF8.GetBytes($":{name}!");
            var channel = Encoding.UTF8.GetBytes($"#{room}");
            return line => line.StartsWith(source) && line.IndexOf(" JOIN "u8) > 0 && (room is null || line.EndsWith(channel));
        }

        var (head, tail) = Mode == WireMode.Json
            ? ("{\"type\":\"join\",\"room\":\"", $"\",\"name\":\"{name}\"}}")
            : ($"*** {name} joined #", "");
        if (room is not null)
        {
            var whole = Encoding.UTF8.GetBytes(head + room + tail);
            return line => line.SequenceEqual(whole);
        }

        var start = Encoding.UTF8.GetBytes(head);
        var end = Encoding.UTF8.GetBytes(tail);
        return line => line.StartsWith(start) && line.EndsWith(end);
    }

    /// <summary>The answer to a server's ping, or null when <paramref name="line"/> is none.</summary>
    public byte[]? Pong(ReadOnlySpan<byte> line) => Mode switch
    {
        WireMode.Json when line.SequenceEqual("""{"type":"ping"}"""u8) => Line("""{"type":"pong"}"""),
        WireMode.Irc when line.StartsWith("PING "u8) => Line("PONG " + Encoding.UTF8.GetString(line[5..])),
        _ => null,
    };

    /// <summary>Writes a benchmark message from <paramref name="sender"/> carrying <paramref name="timestamp"/>; returns its length.</summary>
    public int WriteMessage(Span<byte> buffer, int sender, long timestamp)
    {
        _messagePrefix.CopyTo(buffer);
        var length = _messagePrefix.Length;
        Utf8Formatter.TryFormat(sender, buffer[length..], out var written);
        length += written;
        buffer[length++] = (byte)':';
        Utf8Formatter.TryFormat(timestamp, buffer[length..], out written);
        length += written;
        _messageSuffix.CopyTo(buffer[length..]);
        return length + _messageSuffix.Length;
    }

    /// <summary>
    /// The sender and send timestamp of a benchmark message line, or false for any other line. Names and room names
    /// cannot contain <c>~</c>, so the last one in a line starts the payload.
    /// </summary>
    public static bool TryReadMessage(ReadOnlySpan<byte> line, out int sender, out long timestamp)
    {
        timestamp = 0;
        var marker = line.LastIndexOf(Marker);
        if (marker < 0 || !Utf8Parser.TryParse(line[(marker + 1)..], out sender, out var consumed))
        {
            sender = 0;
            return false;
        }

        var rest = line[(marker + 1 + consumed)..];
        return rest.Length > 1 && rest[0] == (byte)':' && Utf8Parser.TryParse(rest[1..], out timestamp, out consumed) && consumed > 0;
    }

    private byte[] Line(string text) => Encoding.UTF8.GetBytes(text + (Mode == WireMode.Irc ? "\r\n" : "\n"));
}
