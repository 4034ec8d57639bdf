using System.Buffers;
using System.IO.Pipelines;

namespace Chat.Handlers.Protocol;

/// <summary>
/// Reads framed messages from a <see cref="PipeReader"/> with a mandatory size cap. Parsing is left to an
/// <see cref="IMessageReader{TMessage}"/>; this class owns the buffer, the cap and the calls to AdvanceTo.
/// Several messages are parsed from one pipe read before it asks the pipe for more.
/// </summary>
/// <remarks>
/// State changes only after a read completes, so a cancelled read (token or CancelPendingRead) leaves the
/// reader usable. A frame over the cap is reported once, then skipped up to the next message boundary.
/// Not thread-safe: one read loop per connection.
/// </remarks>
public sealed class ProtocolReader(PipeReader input)
{
    private ReadOnlySequence<byte> _buffer;
    private SequencePosition _examined;
    private SequencePosition _messageEnd;
    private bool _holdsBuffer;
    private bool _hasUnadvancedMessage;
    private bool _skippingOversized;
    private bool _inputCompleted;

    /// <summary>Reads the next message of at most <paramref name="maxMessageSize"/> bytes, frame ending included.</summary>
    public async ValueTask<ProtocolReadResult<TMessage>> ReadAsync<TMessage>(
        IMessageReader<TMessage> reader, int maxMessageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageSize);
        if (_hasUnadvancedMessage)
        {
            throw new InvalidOperationException("Advance must be called before reading the next message.");
        }

        while (true)
        {
            if (_holdsBuffer)
            {
                if (_skippingOversized)
                {
                    _skippingOversized = !reader.TrySkipToNextMessage(_buffer, out var next);
                    _buffer = _buffer.Slice(next);
                    _examined = _buffer.End;
                }

                if (!_skippingOversized && !_buffer.IsEmpty)
                {
                    var window = _buffer.Length > maxMessageSize ? _buffer.Slice(0, maxMessageSize) : _buffer;
                    var consumed = window.Start;
                    var examined = window.Start;
                    if (reader.TryParseMessage(window, ref consumed, ref examined, out var message))
                    {
                        _messageEnd = consumed;
                        _hasUnadvancedMessage = true;
                        return new(message, HasMessage: true, IsTooLarge: false, IsCanceled: false, IsCompleted: false);
                    }

                    _examined = examined;
                    if (_buffer.Length >= maxMessageSize)
                    {
                        _skippingOversized = true;
                        _buffer = _buffer.Slice(window.End);
                        _examined = _buffer.End;
                        return new(default!, HasMessage: false, IsTooLarge: true, IsCanceled: false, IsCompleted: false);
                    }
                }

                if (_inputCompleted)
                {
                    return new(default!, HasMessage: false, IsTooLarge: false, IsCanceled: false, IsCompleted: true);
                }

                input.AdvanceTo(_buffer.Start, _examined);
                _holdsBuffer = false;
            }

            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            _buffer = result.Buffer;
            _examined = _buffer.Start;
            _holdsBuffer = true;
            _inputCompleted = result.IsCompleted;
            if (result.IsCanceled)
            {
                return new(default!, HasMessage: false, IsTooLarge: false, IsCanceled: true, IsCompleted: false);
            }
        }
    }

    /// <summary>Marks the last message as processed; its bytes may be reused after this call.</summary>
    public void Advance()
    {
        if (!_hasUnadvancedMessage)
        {
            throw new InvalidOperationException("There is no message to advance past.");
        }

        _buffer = _buffer.Slice(_messageEnd);
        _examined = _buffer.Start;
        _hasUnadvancedMessage = false;
    }
}
