using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Chat.Bench;

/// <summary>
/// The lines a benchmark client sends and recognises: ChatApp's text or JSON mode, or the reference broadcaster's
/// dialect (a name line, answered by <c>* you are NAME</c>; no rooms, no errors). A benchmark message's text is
/// <c>~SENDER:TIMESTAMP</c>: the sender's client number, so a client skips its own lines (JSON clients get them
/// back), and its <see cref="System.Diagnostics.Stopwatch"/> timestamp. That clock is the machine's monotonic
/// clock, shared by every process, so a receiver computes the latency directly.
/// </summary>
public sealed class WireLines(WireMode mode, BenchTarget target)
{
    private const byte Marker = (byte)'~';

    public WireMode Mode { get; } = mode;

    /// <summary>ChatApp has rooms and announces joins; the reference broadcaster sends every line to everyone.</summary>
    public bool HasRooms => target == BenchTarget.Chat;

    private bool IsJson => Mode == WireMode.Json;

    public byte[] Hello(string name) => Line(IsJson ? $$"""{"type":"hello","name":"{{name}}"}""" : name);

    public byte[] Join(string room) => Say($"/join {room}");

    /// <summary>The server's answer to a successful registration.</summary>
    public bool IsWelcome(ReadOnlySpan<byte> line) => target == BenchTarget.Reference
        ? line.StartsWith("* you are "u8)
        : line.StartsWith(IsJson ? """{"type":"welcome","""u8 : "*** Welcome, "u8);

    public bool IsError(ReadOnlySpan<byte> line) =>
        HasRooms && line.StartsWith(IsJson ? """{"type":"error","""u8 : "!!! "u8);

    /// <summary>The code of a JSON error line; a text error line has none, so its message stands for it.</summary>
    public string ErrorCode(string line)
    {
        if (!IsJson)
        {
            return line.StartsWith("!!! ", StringComparison.Ordinal) ? line[4..] : line;
        }

        using var error = JsonDocument.Parse(line);
        return error.RootElement.TryGetProperty("code", out var code) ? code.GetString() ?? line : line;
    }

    /// <summary>
    /// Recognises the join notice a client gets for itself, which confirms it is in <paramref name="room"/>, or in
    /// whichever room registration put it when <paramref name="room"/> is null.
    /// </summary>
    public Func<ReadOnlySpan<byte>, bool> OwnJoin(string name, string? room)
    {
        var (head, tail) = IsJson
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

    /// <summary>Writes a benchmark message from <paramref name="sender"/> carrying <paramref name="timestamp"/>; returns its length.</summary>
    public int WriteMessage(Span<byte> buffer, int sender, long timestamp)
    {
        var prefix = IsJson ? """{"type":"say","text":"~"""u8 : "~"u8;
        var suffix = IsJson ? "\"}\n"u8 : "\n"u8;
        prefix.CopyTo(buffer);
        var length = prefix.Length;
        Utf8Formatter.TryFormat(sender, buffer[length..], out var written);
        length += written;
        buffer[length++] = (byte)':';
        Utf8Formatter.TryFormat(timestamp, buffer[length..], out written);
        length += written;
        suffix.CopyTo(buffer[length..]);
        return length + suffix.Length;
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

    private byte[] Say(string text) => Line(IsJson ? $$"""{"type":"say","text":"{{text}}"}""" : text);

    private static byte[] Line(string text) => Encoding.UTF8.GetBytes(text + "\n");
}
