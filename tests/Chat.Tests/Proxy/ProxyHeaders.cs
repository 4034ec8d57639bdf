using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chat.Tests.Proxy;

/// <summary>PROXY protocol headers as a load balancer writes them (HAProxy's send-proxy and send-proxy-v2, nginx's proxy_protocol).</summary>
internal static class ProxyHeaders
{
    public const byte ProxyCommand = 0x21;
    public const byte LocalCommand = 0x20;
    public const byte TcpOverIPv4 = 0x11;
    public const byte TcpOverIPv6 = 0x21;

    private static ReadOnlySpan<byte> Signature => [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A];

    public static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    public static byte[] V1(IPEndPoint client, IPEndPoint server) =>
        Ascii($"PROXY {(client.AddressFamily == AddressFamily.InterNetwork ? "TCP4" : "TCP6")} {client.Address} {server.Address} {client.Port} {server.Port}\r\n");

    /// <summary>A v2 PROXY command over TCP; <paramref name="tlvs"/> follow the addresses.</summary>
    public static byte[] V2(IPEndPoint client, IPEndPoint server, params byte[] tlvs) =>
        V2Raw(ProxyCommand, client.AddressFamily == AddressFamily.InterNetwork ? TcpOverIPv4 : TcpOverIPv6,
            [.. client.Address.GetAddressBytes(), .. server.Address.GetAddressBytes(), .. UInt16(client.Port), .. UInt16(server.Port), .. tlvs]);

    /// <summary>Any v2 header: the signature, the two given bytes, the body's length (or <paramref name="length"/>), the body.</summary>
    public static byte[] V2Raw(byte versionAndCommand, byte familyAndProtocol, byte[] body, int? length = null)
    {
        var header = new byte[16 + body.Length];
        Signature.CopyTo(header);
        header[12] = versionAndCommand;
        header[13] = familyAndProtocol;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), (ushort)(length ?? body.Length));
        body.CopyTo(header, 16);
        return header;
    }

    public static byte[] Tlv(byte type, byte[] value) => [type, .. UInt16(value.Length), .. value];

    private static byte[] UInt16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }
}
