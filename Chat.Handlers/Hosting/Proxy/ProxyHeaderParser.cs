using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Chat.Handlers.Hosting.Proxy;

/// <summary>
/// Reads the PROXY protocol header (HAProxy's proxy-protocol.txt, versions 1 and 2) that a load balancer sends
/// before a connection's own bytes. Pure and restartable: given everything received so far, it says whether that
/// holds a complete header, a broken one, or not enough yet, and it never looks past its caps.
/// </summary>
public static class ProxyHeaderParser
{
    /// <summary>The longest v1 line the specification allows, CRLF included.</summary>
    public const int MaxV1Bytes = 107;

    /// <summary>
    /// The most bytes a v2 header may carry after its fixed 16: addresses take at most 216 (UNIX sockets), and the
    /// TLVs proxies add (ALPN, authority, TLS details, a unique id) fit well within the rest.
    /// </summary>
    public const int MaxV2BodyBytes = 2048;

    private const int V2FixedBytes = 16;
    private const int LocalCommand = 0x0;
    private const int ProxyCommand = 0x1;
    private const byte TcpOverIPv4 = 0x11;
    private const byte TcpOverIPv6 = 0x21;

    private static ReadOnlySpan<byte> V1Prefix => "PROXY "u8;

    private static ReadOnlySpan<byte> V2Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    public static ProxyHeaderResult Parse(in ReadOnlySequence<byte> buffer)
    {
        Span<byte> start = stackalloc byte[V2FixedBytes];
        start = start[..(int)Math.Min(buffer.Length, V2FixedBytes)];
        buffer.Slice(0, start.Length).CopyTo(start);

        if (Agrees(start, V1Prefix))
        {
            return start.Length < V1Prefix.Length ? ProxyHeaderResult.NeedMoreData : ParseV1(buffer);
        }

        if (Agrees(start, V2Signature))
        {
            return start.Length < V2FixedBytes ? ProxyHeaderResult.NeedMoreData : ParseV2(start, buffer);
        }

        return ProxyHeaderResult.Invalid("not a PROXY protocol header");
    }

    /// <summary><c>PROXY TCP4|TCP6 source destination source-port destination-port\r\n</c>, or <c>PROXY UNKNOWN …\r\n</c>.</summary>
    private static ProxyHeaderResult ParseV1(in ReadOnlySequence<byte> buffer)
    {
        Span<byte> bytes = stackalloc byte[MaxV1Bytes];
        bytes = bytes[..(int)Math.Min(buffer.Length, MaxV1Bytes)];
        buffer.Slice(0, bytes.Length).CopyTo(bytes);
        var end = bytes.IndexOf((byte)'\n');
        if (end < 0)
        {
            return bytes.Length < MaxV1Bytes
                ? ProxyHeaderResult.NeedMoreData
                : ProxyHeaderResult.Invalid($"v1 header without a line end within {MaxV1Bytes} bytes");
        }

        if (bytes[end - 1] != '\r')
        {
            return ProxyHeaderResult.Invalid("v1 header does not end with CRLF");
        }

        var line = bytes[V1Prefix.Length..(end - 1)];
        // The specification has the receiver ignore whatever follows UNKNOWN.
        if (line.SequenceEqual("UNKNOWN"u8) || line.StartsWith("UNKNOWN "u8))
        {
            return ProxyHeaderResult.Parsed(null, end + 1);
        }

        Span<Range> fields = stackalloc Range[5];
        var count = 0;
        foreach (var field in line.Split((byte)' '))
        {
            if (count == fields.Length)
            {
                return ProxyHeaderResult.Invalid("v1 header has more than five fields");
            }

            fields[count++] = field;
        }

        if (count < fields.Length)
        {
            return ProxyHeaderResult.Invalid("v1 header needs a protocol, two addresses and two ports");
        }

        var protocol = line[fields[0]];
        var ipv4 = protocol.SequenceEqual("TCP4"u8);
        if (!ipv4 && !protocol.SequenceEqual("TCP6"u8))
        {
            return ProxyHeaderResult.Invalid("v1 protocol is not TCP4, TCP6 or UNKNOWN");
        }

        if (!TryParseAddress(line[fields[1]], ipv4, out var source) || !TryParseAddress(line[fields[2]], ipv4, out _))
        {
            return ProxyHeaderResult.Invalid(ipv4 ? "v1 TCP4 addresses are not dotted-quad IPv4" : "v1 TCP6 addresses are not IPv6");
        }

        if (!TryParseDecimal(line[fields[3]], ushort.MaxValue, out var port) || !TryParseDecimal(line[fields[4]], ushort.MaxValue, out _))
        {
            return ProxyHeaderResult.Invalid("v1 ports are not decimal numbers from 0 to 65535");
        }

        return ProxyHeaderResult.Parsed(new IPEndPoint(source, port), end + 1);
    }

    /// <summary>The 12-byte signature, version and command, family and protocol, body length, then the body: addresses and TLVs.</summary>
    private static ProxyHeaderResult ParseV2(ReadOnlySpan<byte> header, in ReadOnlySequence<byte> buffer)
    {
        var version = header[12] >> 4;
        if (version != 2)
        {
            return ProxyHeaderResult.Invalid($"v2 signature with version {version}");
        }

        var command = header[12] & 0x0F;
        if (command > ProxyCommand)
        {
            return ProxyHeaderResult.Invalid($"v2 header with unknown command {command}");
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(header[14..]);
        if (length > MaxV2BodyBytes)
        {
            return ProxyHeaderResult.Invalid($"v2 header body of {length} bytes (at most {MaxV2BodyBytes})");
        }

        // LOCAL is the proxy's own connection (a health check): its addresses stand, and the family is ignored.
        var addressBytes = command == LocalCommand ? 0 : header[13] switch
        {
            TcpOverIPv4 => 12,
            TcpOverIPv6 => 36,
            // UNSPEC, and the valid families a TCP server has no use for (UDP, UNIX sockets): the specification
            // lets a receiver treat these as UNSPEC and keep the connection's own addresses.
            0x00 or 0x12 or 0x22 or 0x31 or 0x32 => 0,
            _ => -1,
        };
        if (addressBytes < 0)
        {
            return ProxyHeaderResult.Invalid($"v2 header with unknown family and protocol 0x{header[13]:X2}");
        }

        if (length < addressBytes)
        {
            return ProxyHeaderResult.Invalid($"v2 header body of {length} bytes cannot hold {addressBytes} bytes of addresses");
        }

        var total = V2FixedBytes + length;
        if (buffer.Length < total)
        {
            return ProxyHeaderResult.NeedMoreData;
        }

        if (addressBytes == 0)
        {
            return ProxyHeaderResult.Parsed(null, total);
        }

        // Source address, destination address, source port, destination port; TLVs after them are skipped.
        Span<byte> addresses = stackalloc byte[addressBytes];
        buffer.Slice(V2FixedBytes, addressBytes).CopyTo(addresses);
        var addressLength = addressBytes == 12 ? 4 : 16;
        var source = new IPAddress(addresses[..addressLength]);
        var port = BinaryPrimitives.ReadUInt16BigEndian(addresses[(2 * addressLength)..]);
        return ProxyHeaderResult.Parsed(new IPEndPoint(source, port), total);
    }

    /// <summary>Whether the bytes seen so far match <paramref name="prefix"/> as far as both go.</summary>
    private static bool Agrees(ReadOnlySpan<byte> seen, ReadOnlySpan<byte> prefix)
    {
        var common = Math.Min(seen.Length, prefix.Length);
        return seen[..common].SequenceEqual(prefix[..common]);
    }

    private static bool TryParseAddress(ReadOnlySpan<byte> text, bool ipv4, out IPAddress address)
    {
        if (ipv4)
        {
            return TryParseDottedQuad(text, out address);
        }

        // Hex digits, colons and an embedded IPv4 tail only: no brackets, no zone (%eth0).
        if (!text.ContainsAnyExcept("0123456789abcdefABCDEF:."u8)
            && IPAddress.TryParse(text, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address = parsed;
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    /// <summary>Exactly four decimal octets: IPAddress.TryParse would also take "1.2.3", hex, and octal ("010" is 8).</summary>
    private static bool TryParseDottedQuad(ReadOnlySpan<byte> text, out IPAddress address)
    {
        address = IPAddress.None;
        Span<byte> octets = stackalloc byte[4];
        var count = 0;
        foreach (var part in text.Split((byte)'.'))
        {
            if (count == octets.Length || !TryParseDecimal(text[part], byte.MaxValue, out var octet))
            {
                return false;
            }

            octets[count++] = (byte)octet;
        }

        if (count < octets.Length)
        {
            return false;
        }

        address = new IPAddress(octets);
        return true;
    }

    /// <summary>Canonical decimal: digits only, no sign, no leading zero.</summary>
    private static bool TryParseDecimal(ReadOnlySpan<byte> digits, int max, out int value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 5 || (digits[0] == '0' && digits.Length > 1))
        {
            return false;
        }

        foreach (var digit in digits)
        {
            if (!char.IsAsciiDigit((char)digit))
            {
                return false;
            }

            value = value * 10 + digit - '0';
        }

        return value <= max;
    }
}
