using System.Buffers;
using System.Net;
using Chat.Handlers.Hosting.Proxy;
using static Chat.Tests.Proxy.ProxyHeaders;

namespace Chat.Tests.Proxy;

public class ProxyHeaderParserTests
{
    private static readonly IPEndPoint Client4 = IPEndPoint.Parse("203.0.113.7:40001");
    private static readonly IPEndPoint Server4 = IPEndPoint.Parse("192.0.2.1:5555");
    private static readonly IPEndPoint Client6 = IPEndPoint.Parse("[2001:db8::7]:40001");
    private static readonly IPEndPoint Server6 = IPEndPoint.Parse("[2001:db8::1]:5555");
    private static readonly string LongestV6 = string.Join(':', Enumerable.Repeat("ffff", 8));

    /// <summary>Each valid header and the client it names (null: the connection keeps its own address).</summary>
    private static readonly Dictionary<string, (byte[] Header, string? Client)> Valid = new()
    {
        ["v1 TCP4"] = (V1(Client4, Server4), "203.0.113.7:40001"),
        ["v1 TCP6"] = (V1(Client6, Server6), "[2001:db8::7]:40001"),
        ["v1 TCP6, IPv4-mapped, ports 0 and 65535"] = (Ascii("PROXY TCP6 ::ffff:203.0.113.7 ::ffff:192.0.2.1 0 65535\r\n"), "[::ffff:203.0.113.7]:0"),
        ["v1 TCP6, longest addresses"] = (Ascii($"PROXY TCP6 {LongestV6} {LongestV6} 65535 65535\r\n"), $"[{LongestV6}]:65535"),
        ["v1 UNKNOWN"] = (Ascii("PROXY UNKNOWN\r\n"), null),
        ["v1 UNKNOWN, 107 bytes with whatever follows"] = (Ascii($"PROXY UNKNOWN {LongestV6} {LongestV6} 65535 65535\r\n"), null),
        ["v2 TCP4"] = (V2(Client4, Server4), "203.0.113.7:40001"),
        ["v2 TCP6"] = (V2(Client6, Server6), "[2001:db8::7]:40001"),
        ["v2 TCP4 with TLVs (ALPN, authority)"] = (V2(Client4, Server4, [.. Tlv(0x01, Ascii("h2")), .. Tlv(0x02, Ascii("chat.example.com"))]), "203.0.113.7:40001"),
        ["v2 TCP4 at the body cap"] = (V2(Client4, Server4, Tlv(0xEE, new byte[ProxyHeaderParser.MaxV2BodyBytes - 12 - 3])), "203.0.113.7:40001"),
        ["v2 LOCAL"] = (V2Raw(LocalCommand, 0x00, []), null),
        ["v2 LOCAL ignores its family and addresses"] = (V2Raw(LocalCommand, 0xFF, new byte[7]), null),
        ["v2 PROXY, UNSPEC"] = (V2Raw(ProxyCommand, 0x00, []), null),
        ["v2 PROXY, UDP over IPv4"] = (V2Raw(ProxyCommand, 0x12, new byte[12]), null),
        ["v2 PROXY, UNIX stream"] = (V2Raw(ProxyCommand, 0x31, new byte[216]), null),
    };

    /// <summary>Each malformed input and a part of the reason it is refused.</summary>
    private static readonly Dictionary<string, (byte[] Bytes, string Reason)> Malformed = new()
    {
        ["a chat line"] = (Ascii("alice\n"), "not a PROXY protocol header"),
        ["an HTTP request"] = (Ascii("GET / HTTP/1.1\r\n"), "not a PROXY protocol header"),
        ["lowercase proxy"] = (Ascii("proxy TCP4 203.0.113.7 192.0.2.1 40001 5555\r\n"), "not a PROXY protocol header"),
        ["PROXY without its space"] = (Ascii("PROXYTCP4 203.0.113.7 192.0.2.1 40001 5555\r\n"), "not a PROXY protocol header"),
        ["v1 ending in LF only"] = (Ascii("PROXY TCP4 203.0.113.7 192.0.2.1 40001 5555\n"), "CRLF"),
        ["v1 without a line end in 107 bytes"] = (Ascii("PROXY UNKNOWN " + new string('f', 100)), "within 107 bytes"),
        ["v1 of 108 bytes"] = (Ascii($"PROXY UNKNOWN {LongestV6} {LongestV6} 65535 655355\r\n"), "within 107 bytes"),
        ["v1 with nothing after PROXY"] = (Ascii("PROXY \r\n"), "needs a protocol"),
        ["v1 UDP4"] = (Ascii("PROXY UDP4 203.0.113.7 192.0.2.1 40001 5555\r\n"), "not TCP4, TCP6 or UNKNOWN"),
        ["v1 lowercase tcp4"] = (Ascii("PROXY tcp4 203.0.113.7 192.0.2.1 40001 5555\r\n"), "not TCP4, TCP6 or UNKNOWN"),
        ["v1 without a destination port"] = (Ascii("PROXY TCP4 203.0.113.7 192.0.2.1 40001\r\n"), "needs a protocol"),
        ["v1 with a sixth field"] = (Ascii("PROXY TCP4 203.0.113.7 192.0.2.1 40001 5555 x\r\n"), "more than five"),
        ["v1 with two spaces"] = (Ascii("PROXY TCP4 203.0.113.7  192.0.2.1 40001\r\n"), "dotted-quad"),
        ["v1 with a trailing space"] = (Ascii("PROXY TCP4 203.0.113.7 192.0.2.1 40001 5555 \r\n"), "more than five"),
        ["v1 TCP4, three octets"] = (Ascii("PROXY TCP4 203.0.113 192.0.2.1 40001 5555\r\n"), "dotted-quad"),
        ["v1 TCP4, five octets"] = (Ascii("PROXY TCP4 203.0.113.7.1 192.0.2.1 40001 5555\r\n"), "dotted-quad"),
        ["v1 TCP4, octet over 255"] = (Ascii("PROXY TCP4 203.0.113.256 192.0.2.1 40001 5555\r\n"), "dotted-quad"),
        ["v1 TCP4, octal-looking octet"] = (Ascii("PROXY TCP4 010.0.113.7 192.0.2.1 40001 5555\r\n"), "dotted-quad"),
        ["v1 TCP4, hex octet"] = (Ascii("PROXY TCP4 0x7f.0.0.1 192.0.2.1 40001 5555\r\n"), "dotted-quad"),
        ["v1 TCP4, empty octet"] = (Ascii("PROXY TCP4 203..113.7 192.0.2.1 40001 5555\r\n"), "dotted-quad"),
        ["v1 TCP4 carrying IPv6"] = (Ascii("PROXY TCP4 2001:db8::7 2001:db8::1 40001 5555\r\n"), "dotted-quad"),
        ["v1 TCP4, bad destination"] = (Ascii("PROXY TCP4 203.0.113.7 192.0.2 40001 5555\r\n"), "dotted-quad"),
        ["v1 TCP6 carrying IPv4"] = (Ascii("PROXY TCP6 203.0.113.7 192.0.2.1 40001 5555\r\n"), "not IPv6"),
        ["v1 TCP6 with a zone"] = (Ascii("PROXY TCP6 fe80::7%eth0 fe80::1 40001 5555\r\n"), "not IPv6"),
        ["v1 TCP6 in brackets"] = (Ascii("PROXY TCP6 [2001:db8::7] [2001:db8::1] 40001 5555\r\n"), "not IPv6"),
        ["v1 TCP6, bad destination"] = (Ascii("PROXY TCP6 2001:db8::7 2001:db8:::1 40001 5555\r\n"), "not IPv6"),
        ["v1 port over 65535"] = (Ascii("PROXY TCP4 203.0.113.7 192.0.2.1 65536 5555\r\n"), "ports"),
        ["v1 port with a leading zero"] = (Ascii("PROXY TCP4 203.0.113.7 192.0.2.1 0401 5555\r\n"), "ports"),
        ["v1 negative port"] = (Ascii("PROXY TCP4 203.0.113.7 192.0.2.1 -1 5555\r\n"), "ports"),
        ["v1 port with a plus sign"] = (Ascii("PROXY TCP4 203.0.113.7 192.0.2.1 +1 5555\r\n"), "ports"),
        ["v1 bad destination port"] = (Ascii("PROXY TCP4 203.0.113.7 192.0.2.1 40001 55x5\r\n"), "ports"),
        ["v1 with a NUL"] = (Ascii("PROXY TCP4 203.0.113.7 192.0.2.1 40001 5555\0\r\n"), "ports"),
        ["v2 signature, first byte wrong"] = (Flip(V2(Client4, Server4), 0), "not a PROXY protocol header"),
        ["v2 signature, fifth byte wrong"] = (Flip(V2(Client4, Server4), 4), "not a PROXY protocol header"),
        ["v2 signature, last byte wrong"] = (Flip(V2(Client4, Server4), 11), "not a PROXY protocol header"),
        ["v2 version 1"] = (V2Raw(0x11, TcpOverIPv4, new byte[12]), "version 1"),
        ["v2 version 3"] = (V2Raw(0x31, TcpOverIPv4, new byte[12]), "version 3"),
        ["v2 command 2"] = (V2Raw(0x22, TcpOverIPv4, new byte[12]), "unknown command 2"),
        ["v2 command 15"] = (V2Raw(0x2F, TcpOverIPv4, new byte[12]), "unknown command 15"),
        ["v2 family 4"] = (V2Raw(ProxyCommand, 0x41, new byte[12]), "unknown family and protocol 0x41"),
        ["v2 transport 3"] = (V2Raw(ProxyCommand, 0x13, new byte[12]), "unknown family and protocol 0x13"),
        ["v2 UNSPEC family with a transport"] = (V2Raw(ProxyCommand, 0x01, []), "unknown family and protocol 0x01"),
        ["v2 TCP4 body too short for addresses"] = (V2Raw(ProxyCommand, TcpOverIPv4, new byte[11]), "cannot hold 12 bytes"),
        ["v2 TCP6 body too short for addresses"] = (V2Raw(ProxyCommand, TcpOverIPv6, new byte[35]), "cannot hold 36 bytes"),
        ["v2 body one over the cap"] = (V2Raw(ProxyCommand, TcpOverIPv4, new byte[12], length: ProxyHeaderParser.MaxV2BodyBytes + 1), "at most 2048"),
        ["v2 body of 65535 bytes"] = (V2Raw(LocalCommand, 0x00, [], length: ushort.MaxValue), "at most 2048"),
    };

    public static TheoryData<string> ValidHeaders => [.. Valid.Keys];

    public static TheoryData<string> MalformedHeaders => [.. Malformed.Keys];

    [Theory]
    [MemberData(nameof(ValidHeaders))]
    public void AValidHeaderFedOneByteAtATimeNeedsMoreDataUntilItsLastByte(string name)
    {
        var (header, client) = Valid[name];
        byte[] stream = [.. header, .. "alice\n"u8];

        for (var length = 0; length < header.Length; length++)
        {
            Assert.Equal(ProxyHeaderResult.NeedMoreData, ProxyHeaderParser.Parse(new ReadOnlySequence<byte>(stream, 0, length)));
            Assert.Equal(ProxyHeaderResult.NeedMoreData, ProxyHeaderParser.Parse(OneBytePerSegment(stream[..length])));
        }

        // Complete, it is parsed and the connection's own bytes after it are left alone, however they arrived.
        for (var length = header.Length; length <= stream.Length; length++)
        {
            foreach (var buffer in new[] { new ReadOnlySequence<byte>(stream, 0, length), OneBytePerSegment(stream[..length]) })
            {
                var result = ProxyHeaderParser.Parse(buffer);
                Assert.Equal(ProxyHeaderStatus.Parsed, result.Status);
                Assert.Equal(header.Length, result.Consumed);
                Assert.Equal(client, result.Source?.ToString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void AMalformedHeaderIsInvalidAsSoonAsItsBytesShowItAndNeverParses(string name)
    {
        var (bytes, reason) = Malformed[name];
        var invalidFrom = -1;
        for (var length = 0; length <= bytes.Length; length++)
        {
            var result = ProxyHeaderParser.Parse(OneBytePerSegment(bytes[..length]));
            Assert.Equal(result, ProxyHeaderParser.Parse(new ReadOnlySequence<byte>(bytes, 0, length)));
            Assert.NotEqual(ProxyHeaderStatus.Parsed, result.Status);
            if (invalidFrom >= 0)
            {
                Assert.Equal(ProxyHeaderStatus.Invalid, result.Status);
            }
            else if (result.Status == ProxyHeaderStatus.Invalid)
            {
                invalidFrom = length;
            }
        }

        Assert.True(invalidFrom >= 0, "never found invalid");
        var final = ProxyHeaderParser.Parse(new ReadOnlySequence<byte>(bytes));
        Assert.Contains(reason, final.Error, StringComparison.Ordinal);
        Assert.Null(final.Source);
    }

    [Fact]
    public void ABrokenV2HeaderIsRefusedOnItsFixedSixteenBytesWithoutWaitingForItsBody()
    {
        var header = V2Raw(0x31, TcpOverIPv4, []);
        Assert.Equal(16, header.Length);

        Assert.Equal(ProxyHeaderStatus.Invalid, ProxyHeaderParser.Parse(new ReadOnlySequence<byte>(header)).Status);
    }

    [Fact]
    public void AV1LineThatNeverEndsIsRefusedAtTheSpecificationsLimitOf107Bytes()
    {
        var bytes = Ascii("PROXY TCP4 " + new string('1', 200));

        Assert.Equal(ProxyHeaderStatus.NeedMoreData, ProxyHeaderParser.Parse(new ReadOnlySequence<byte>(bytes, 0, 106)).Status);
        Assert.Equal(ProxyHeaderStatus.Invalid, ProxyHeaderParser.Parse(new ReadOnlySequence<byte>(bytes, 0, 107)).Status);
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        bytes[index] ^= 0xFF;
        return bytes;
    }

    private static ReadOnlySequence<byte> OneBytePerSegment(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(bytes.AsMemory(0, 1), null);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            last = new Segment(bytes.AsMemory(i, 1), last);
        }

        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
