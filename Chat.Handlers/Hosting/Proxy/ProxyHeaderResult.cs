using System.Net;

namespace Chat.Handlers.Hosting.Proxy;

public enum ProxyHeaderStatus
{
    /// <summary>The bytes so far are a valid start of a header; read more and parse again from the start.</summary>
    NeedMoreData,

    /// <summary>The bytes are not a PROXY protocol header, or a broken one; <see cref="ProxyHeaderResult.Error"/> says why.</summary>
    Invalid,

    /// <summary>A complete header of <see cref="ProxyHeaderResult.Consumed"/> bytes.</summary>
    Parsed,
}

/// <summary>What <see cref="ProxyHeaderParser.Parse"/> found at the start of a connection's bytes.</summary>
/// <param name="Source">
/// The client's address and port; null when the header carries none (v1 <c>UNKNOWN</c>, v2 <c>LOCAL</c> or an
/// unspecified or unsupported family), and the connection's own address stands.
/// </param>
public readonly record struct ProxyHeaderResult(ProxyHeaderStatus Status, IPEndPoint? Source, int Consumed, string? Error)
{
    public static ProxyHeaderResult NeedMoreData => default;

    public static ProxyHeaderResult Invalid(string error) => new(ProxyHeaderStatus.Invalid, null, 0, error);

    public static ProxyHeaderResult Parsed(IPEndPoint? source, int consumed) => new(ProxyHeaderStatus.Parsed, source, consumed, null);
}
