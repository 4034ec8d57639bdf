using Chat.Client.Files;

namespace Chat.Client;

/// <summary>A payload over <see cref="ChatClientOptions.MaxPayloadBytes"/> was refused before sending (the server would refuse it too).</summary>
public sealed class ChatPayloadTooLargeException(string name, long size, long limit)
    : Exception($"{name} is {ByteSize.Format(size)}; files may be up to {ByteSize.Format(limit)}.")
{
    public long Size { get; } = size;

    public long Limit { get; } = limit;
}
