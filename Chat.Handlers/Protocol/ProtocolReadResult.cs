namespace Chat.Handlers.Protocol;

/// <summary>
/// One outcome of <see cref="ProtocolReader.ReadAsync{TMessage}"/>: a message (valid until
/// <see cref="ProtocolReader.Advance"/>), an oversized frame that was dropped, a cancelled read, or the end of input.
/// </summary>
public readonly record struct ProtocolReadResult<TMessage>(TMessage Message, bool HasMessage, bool IsTooLarge, bool IsCanceled, bool IsCompleted);
