using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chat.Bench;

/// <summary>
/// One raw TCP client over System.IO.Pipelines. It registers, optionally joins a room, then counts the
/// benchmark messages of other clients it receives and records their latency; a sender also writes messages.
/// A stalled client stops reading once it is in its room, until <see cref="Resume"/>.
/// Counters are written by the read loop only and read by the runner, hence the volatile accesses.
/// </summary>
public sealed class BenchClient : IAsyncDisposable
{
    /// <summary>A stalled client's socket receive buffer: small, so the kernel absorbs little of what it does not read.</summary>
    private const int StalledReceiveBufferSize = 4096;

    /// <summary>Linux getsockopt(IPPROTO_TCP, TCP_INFO): its first byte is the connection's TCP state.</summary>
    private const int IpProtocolTcp = 6;
    private const int TcpInfo = 11;
    private const byte TcpEstablished = 1;

    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("""{"type":"ping"}""");
    private static readonly byte[] Pong = Encoding.UTF8.GetBytes("""{"type":"pong"}""" + "\n");

    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly WireLines _wire;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _awaited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<ReadOnlySpan<byte>, bool>? _awaitedLine;
    private bool _stallOnAnswer;
    private bool _stalled;
    private Task _reading = Task.CompletedTask;
    private long _lines;
    private long _delivered;
    private long _lastDelivery;
    private int _closed;

    private BenchClient(Socket socket, WireLines wire, int id)
    {
        _socket = socket;
        Id = id;
        _wire = wire;
        var stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4096));
        _output = PipeWriter.Create(stream);
    }

    /// <summary>The client's number, carried by its benchmark messages so that it skips its own.</summary>
    public int Id { get; }

    public string Name { get; private init; } = "";

    /// <summary>Latencies of the benchmark messages received; null until the first one.</summary>
    public LatencyHistogram? Latencies { get; private set; }

    public long Lines => Volatile.Read(ref _lines);

    public long Delivered => Volatile.Read(ref _delivered);

    /// <summary>Stopwatch timestamp of the last benchmark message received.</summary>
    public long LastDelivery => Volatile.Read(ref _lastDelivery);

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>The last error line the server sent, if any (for example send_queue_exceeded).</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// Connects and registers <paramref name="name"/>, then joins <paramref name="room"/> when given. With
    /// <paramref name="awaitOwnJoin"/> and no room, it is ready once it has seen its own join notice in the room
    /// registration put it in, else once welcomed. A <paramref name="stall"/> client stops reading once ready.
    /// </summary>
    public static async Task<BenchClient> ConnectAsync(IPEndPoint server, WireLines wire, int id, string name, string? room,
        bool awaitOwnJoin, bool stall, CancellationToken cancellationToken)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (stall)
        {
            // Set before connecting, so the window offered to the server is the small one.
            socket.ReceiveBufferSize = StalledReceiveBufferSize;
        }

        try
        {
            await socket.ConnectAsync(server, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new BenchClient(socket, wire, id) { Name = name };
        try
        {
            client._reading = client.ReadLoopAsync();
            var registered = awaitOwnJoin && room is null && wire.HasRooms ? wire.OwnJoin(name, room: null) : wire.IsWelcome;
            await client.RequestAsync(wire.Hello(name), registered, stall && room is null, cancellationToken);
            if (room is not null)
            {
                await client.RequestAsync(wire.Join(room), wire.OwnJoin(name, room), stall, cancellationToken);
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="count"/> benchmark messages: back to back when <paramref name="rate"/> is 0, else
    /// <paramref name="rate"/> per second, starting after <paramref name="offset"/> so senders interleave.
    /// </summary>
    public async Task SendMessagesAsync(int count, int rate, TimeSpan offset, CancellationToken cancellationToken)
    {
        using var timer = rate > 0 ? new PeriodicTimer(TimeSpan.FromSeconds(1.0 / rate)) : null;
        if (timer is not null && offset > TimeSpan.Zero)
        {
            await Task.Delay(offset, cancellationToken);
        }

        for (var i = 0; i < count && !IsClosed; i++)
        {
            if (timer is not null && i > 0 && !await timer.WaitForNextTickAsync(cancellationToken))
            {
                return;
            }

            await _writeGate.WaitAsync(cancellationToken);
            try
            {
                var length = _wire.WriteMessage(_output.GetSpan(64), Id, Stopwatch.GetTimestamp());
                _output.Advance(length);
                await _output.FlushAsync(cancellationToken);
            }
            finally
            {
                _writeGate.Release();
            }
        }
    }

    /// <summary>A stalled client reads again (to find how the server closed it).</summary>
    public void Resume() => _resumed.TrySetResult();

    /// <summary>
    /// Whether the server has closed the connection, told from the kernel's TCP state (Linux), without reading:
    /// anything but established means it sent a FIN or a reset.
    /// </summary>
    public bool ServerHasClosed()
    {
        Span<byte> info = stackalloc byte[8];
        try
        {
            _socket.GetRawSocketOption(IpProtocolTcp, TcpInfo, info);
            return info[0] != TcpEstablished;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _closed, 1);
        Resume();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed: by the peer, or by the read loop when the input ended.
        }

        _socket.Dispose();
        await _reading;
        try
        {
            await _output.CompleteAsync();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Nothing was left to send.
        }

        _writeGate.Dispose();
    }

    /// <summary>Sends <paramref name="line"/> and waits for its <paramref name="answer"/>; the read loop stalls after it when <paramref name="stallOnAnswer"/>.</summary>
    private async Task RequestAsync(byte[] line, Func<ReadOnlySpan<byte>, bool> answer, bool stallOnAnswer, CancellationToken cancellationToken)
    {
        _awaited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stallOnAnswer = stallOnAnswer;
        Volatile.Write(ref _awaitedLine, answer);
        await WriteAsync(line, cancellationToken);
        await _awaited.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync(byte[] line, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await _output.WriteAsync(line, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                if (_stalled)
                {
                    await _resumed.Task;
                }

                var result = await _input.ReadAsync();
                var received = Stopwatch.GetTimestamp();
                var reader = new SequenceReader<byte>(result.Buffer);
                while (reader.TryReadTo(out ReadOnlySpan<byte> line, (byte)'\n'))
                {
                    OnLine(line.EndsWith((byte)'\r') ? line[..^1] : line, received);
                }

                _input.AdvanceTo(reader.Position, result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The connection ended: a reset from the server, or our own dispose.
        }
        finally
        {
            Volatile.Write(ref _closed, 1);
            _awaited.TrySetException(new IOException($"{Name}: connection closed by the server. {LastError}"));
            await _input.CompleteAsync();
        }
    }

    private void OnLine(ReadOnlySpan<byte> line, long received)
    {
        Volatile.Write(ref _lines, _lines + 1);
        if (WireLines.TryReadMessage(line, out var sender, out var sent))
        {
            if (sender == Id)
            {
                return;
            }

            (Latencies ??= new()).Record((long)Stopwatch.GetElapsedTime(sent, received).TotalMicroseconds);
            Volatile.Write(ref _lastDelivery, received);
            Volatile.Write(ref _delivered, _delivered + 1);
            return;
        }

        if (_wire.IsError(line))
        {
            LastError = Encoding.UTF8.GetString(line);
            if (Volatile.Read(ref _awaitedLine) is not null)
            {
                _awaited.TrySetException(new IOException($"{Name}: {LastError}"));
            }
        }
        else if (Volatile.Read(ref _awaitedLine) is { } awaited && awaited(line))
        {
            Volatile.Write(ref _awaitedLine, null);
            _stalled = _stallOnAnswer;
            _awaited.TrySetResult();
        }
        else if (line.SequenceEqual(Ping))
        {
            _ = WriteAsync(Pong, CancellationToken.None);
        }
    }
}
