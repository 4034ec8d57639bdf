using System.Buffers.Text;
using System.Text;

namespace Chat.Bench;

/// <summary>
/// The lines a benchmark client sends and recognises, in text or JSON mode. A benchmark message's text is
/// <c>~</c> followed by the sender's <see cref="System.Diagnostics.Stopwatch"/> timestamp: the clock is the
/// machine's monotonic clock, shared by every process, so a receiver computes the latency directly.
/// </summary>
public sealed class WireLines(WireMode mode)
{
    private const byte Marker = (byte)'~';

    public WireMode Mode { get; } = mode;

    public byte[] Hello(string name) => Line(Mode == WireMode.Json ? $$"""{"type":"hello","name":"{{name}}"}""" : name);

    public byte[] Join(string room) => Say($"/join {room}");

    /// <summary>The server's answer to a successful registration.</summary>
    public bool IsWelcome(ReadOnlySpan<byte> line) =>
        line.StartsWith(Mode == WireMode.Json ? """{"type":"welcome","""u8 : "*** Welcome, "u8);

    public bool IsError(ReadOnlySpan<byte> line) =>
        line.StartsWith(Mode == WireMode.Json ? """{"type":"error","""u8 : "!!! "u8);

    /// <summary>The join notice a client gets for itself, which confirms it is in the room.</summary>
    public byte[] OwnJoin(string name, string room) => Encoding.UTF8.GetBytes(Mode == WireMode.Json
        ? $$"""{"type":"join","room":"{{room}}","name":"{{name}}"}"""
        : $"*** {name} joined #{room}");

    /// <summary>Writes a benchmark message carrying <paramref name="timestamp"/> into <paramref name="buffer"/>; returns its length.</summary>
    public int WriteMessage(Span<byte> buffer, long timestamp)
    {
        var prefix = Mode == WireMode.Json ? """{"type":"say","text":"~"""u8 : "~"u8;
        var suffix = Mode == WireMode.Json ? "\"}\n"u8 : "\n"u8;
        prefix.CopyTo(buffer);
        Utf8Formatter.TryFormat(timestamp, buffer[prefix.Length..], out var digits);
        suffix.CopyTo(buffer[(prefix.Length + digits)..]);
        return prefix.Length + digits + suffix.Length;
    }

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

    private byte[] Say(string text) => Line(Mode == WireMode.Json ? $$"""{"type":"say","text":"{{text}}"}""" : text);

    private static byte[] Line(string text) => Encoding.UTF8.GetBytes(text + "\n");
}
