using System.IO.Pipelines;
using System.Text.Json;
using Chat.Protocol;
using Microsoft.Extensions.Logging;

namespace Chat.Client.Connection;

/// <summary>
/// One open connection: JSON Lines over pipes on the transport's stream. One reader (the client's receive
/// loop); writers from any thread pass one gate so lines never interleave. Never reused after it fails.
/// </summary>
internal sealed partial class ChatConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly int _maxLineBytes;
    private readonly ILogger _logger;
    private bool _disposed;

    private ChatConnection(Stream stream, int maxLineBytes, ILogger logger)
    {
        _stream = stream;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        _maxLineBytes = maxLineBytes;
        _logger = logger;
    }

    public static async Task<ChatConnection> OpenAsync(ChatClientOptions options, ILogger logger, CancellationToken cancellationToken) =>
        new(await ChatTransport.ConnectAsync(options, cancellationToken), options.MaxLineBytes, logger);

    /// <summary>The next event, or null when the server has closed the connection.</summary>
    public async ValueTask<ServerEvent?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var found = false;
            try
            {
                while (JsonLines.TryReadLine(ref buffer, out var line))
                {
                    CheckLength(line.Length);
                    if (TryParse(line) is { } serverEvent)
                    {
                        found = true;
                        return serverEvent;
                    }
                }

                CheckLength(buffer.Length);
                if (result.IsCompleted)
                {
                    return null;
                }
            }
            finally
            {
                // With an event in hand, lines may still wait in the buffer: mark nothing more as examined,
                // or the next read would wait for new bytes before handing them out.
                if (found)
                {
                    _input.AdvanceTo(buffer.Start);
                }
                else
                {
                    _input.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
    }

    public async ValueTask WriteAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            JsonLines.Write(_output, message);
            await _output.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the stream first fails any write in progress, so the gate frees up.
        await _stream.DisposeAsync();
        await _writeGate.WaitAsync();
        try
        {
            _disposed = true;
            await _output.CompleteAsync();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Completing flushes what an interrupted write left behind; the stream is gone, so it is lost.
        }
        finally
        {
            _writeGate.Release();
        }

        await _input.CompleteAsync();
    }

    private ServerEvent? TryParse(in System.Buffers.ReadOnlySequence<byte> line)
    {
        try
        {
            return JsonLines.Parse(line);
        }
        catch (JsonException ex)
        {
            Log.MalformedLine(_logger, ex.Message);
            return null;
        }
    }

    private void CheckLength(long length)
    {
        if (length > _maxLineBytes)
        {
            throw new InvalidDataException($"The server sent a line over {_maxLineBytes} bytes.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Skipped a malformed line from the server: {Error}")]
        public static partial void MalformedLine(ILogger logger, string error);
    }
}
