using Chat.Protocol;

namespace Chat.Client;

/// <summary>
/// Where and as whom a <see cref="ChatClient"/> connects. An immutable record, so one setting changes with
/// <c>options with { Port = 5556, Pin = "..." }</c>.
/// </summary>
public sealed record ChatClientOptions(string Host, int Port, string Name)
{
    public const string DefaultHost = "127.0.0.1";
    public const int DefaultPort = 5555;

    /// <summary>The server's TLS port by default (<c>Kestrel:Endpoints:ChatTls</c>); the client never picks it by itself.</summary>
    public const int DefaultTlsPort = 5556;

    /// <summary>The server's default <c>Chat:MaxPayloadBytes</c>.</summary>
    public const int DefaultMaxPayloadBytes = 1024 * 1024;

    private readonly int? _maxLineBytes;

    /// <summary>Speak TLS, validating the server's certificate normally (trusted chain, matching <see cref="Host"/>).</summary>
    public bool Tls { get; init; }

    /// <summary>
    /// The SHA-256 fingerprint of the one certificate to accept, whoever issued it (for self-signed servers);
    /// implies TLS. 64 hex digits; colons (as <c>openssl</c> prints them) and lowercase are fine.
    /// </summary>
    public string? Pin { get; init; }

    /// <summary>True when the connection is encrypted: <see cref="Tls"/> or a <see cref="Pin"/>. There is never a fallback to plaintext.</summary>
    public bool UsesTls => Tls || Pin is not null;

    /// <summary>
    /// Largest file payload: larger ones are refused before sending. Set it to the server's <c>Chat:MaxPayloadBytes</c>
    /// when that differs from the default (1 MiB); the server refuses larger ones anyway.
    /// </summary>
    public int MaxPayloadBytes { get; init; } = DefaultMaxPayloadBytes;

    /// <summary>Pace of outgoing lines; null sends as fast as the socket takes them (for servers with raised limits).</summary>
    public SendRate? SendRate { get; init; } = new();

    /// <summary>How to reconnect when the server goes away; null means the client stops instead.</summary>
    public ReconnectOptions? Reconnect { get; init; } = new();

    /// <summary>Limit for opening the connection and registering the name.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest line accepted from the server; a longer one is treated as a broken connection. By default room for
    /// a payload of <see cref="MaxPayloadBytes"/> in base64 plus 64 KiB for the rest of the message; six times the
    /// base64, since a server may escape every '+' in it as <c>\u002B</c>.
    /// </summary>
    public int MaxLineBytes
    {
        get => _maxLineBytes ?? 64 * 1024 + 6 * ((MaxPayloadBytes + 2) / 3 * 4);
        init => _maxLineBytes = value;
    }

    /// <summary>
    /// Events buffered for the reader of <see cref="ChatClient.Events"/>. When it is full the client stops
    /// reading the socket, so a consumer that falls behind slows the server's sending, never grows memory.
    /// </summary>
    public int EventCapacity { get; init; } = 1024;

    /// <summary>The clock for timeouts and reconnect delays; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> for a value no connection could work with.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host, nameof(Host));
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        ArgumentOutOfRangeException.ThrowIfLessThan(Port, 1, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineBytes, 1024, nameof(MaxLineBytes));
        SendRate?.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(MaxPayloadBytes, nameof(MaxPayloadBytes));
        if (Pin is not null && !CertificateFingerprint.TryParse(Pin, out _))
        {
            throw new ArgumentException($"'{Pin}' is not a SHA-256 fingerprint: expected 64 hex digits, colons allowed.", nameof(Pin));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(EventCapacity, 1, nameof(EventCapacity));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        Reconnect?.Validate();
    }
}
