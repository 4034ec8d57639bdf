using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chat.Bench;

/// <summary>
/// One raw TCP client over System.IO.Pipelines. It registers, optionally joins a room, then counts the
/// benchmark messages it receives and records their latency; a sender also writes messages.
/// Counters are written by the read loop only and read by the runner, hence the volatile accesses.
/// </summary>
public sealed class BenchClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly WireLines _wire;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private TaskCompletionSource _awaited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<ReadOnlySpan<byte>, bool>? _awaitedLine;
    private Task _reading = Task.CompletedTask;
    private long _lines;
    private long _delivered;
    private long _lastDelivery;
    private int _closed;

    private BenchClient(Socket socket, WireLines wire)
    {
        _socket = socket;
        _wire = wire;
        var stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4096));
        _output = PipeWriter.Create(stream);
    }

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

    /// <summary>Connects and registers <paramref name="name"/>; joins <paramref name="room"/> when given.</summary>
    public static async Task<BenchClient> ConnectAsync(IPEndPoint server, WireLines wire, string name, string? room, CancellationToken cancellationToken)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new BenchClient(socket, wire) { Name = name };
        try
        {
            client._reading = client.ReadLoopAsync();
            await client.RequestAsync(wire.Hello(name), wire.IsWelcome, cancellationToken);
            if (room is not null)
            {
                await client.RequestAsync(wire.Join(room), wire.IsOwnJoin(name, room), cancellationToken);
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
                var length = _wire.WriteMessage(_output.GetSpan(_wire.MaxMessageLength), Stopwatch.GetTimestamp());
                _output.Advance(length);
                await _output.FlushAsync(cancellationToken);
            }
            finally
            {
                _writeGate.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _closed, 1);
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

    private async Task RequestAsync(byte[] line, Func<ReadOnlySpan<byte>, bool> answer, CancellationToken cancellationToken)
    {
        _awaited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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
        if (WireLines.TryReadTimestamp(line, out var sent))
        {
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
            _awaited.TrySetResult();
        }
        else if (_wire.Pong(line) is { } pong)
        {
            _ = WriteAsync(pong, CancellationToken.None);
        }
    }
}
