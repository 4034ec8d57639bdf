namespace Chat.Client;

/// <summary>
/// Where and as whom a <see cref="ChatClient"/> connects. An immutable record so later transports (TLS) add
/// properties without breaking callers: <c>options with { Port = 6000 }</c>.
/// </summary>
public sealed record ChatClientOptions(string Host, int Port, string Name)
{
    public const string DefaultHost = "127.0.0.1";
    public const int DefaultPort = 5555;

    /// <summary>How to reconnect when the server goes away; null means the client stops instead.</summary>
    public ReconnectOptions? Reconnect { get; init; } = new();

    /// <summary>Limit for opening the connection and registering the name.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest line accepted from the server; a longer one is treated as a broken connection.</summary>
    public int MaxLineBytes { get; init; } = 1024 * 1024;

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
        ArgumentOutOfRangeException.ThrowIfLessThan(EventCapacity, 1, nameof(EventCapacity));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        Reconnect?.Validate();
    }
}
