using Chat.Protocol;

namespace Chat.Client;

/// <summary>
/// A typed message's payload, decoded: its bytes and MIME type, and the file name the sender gave. That name is
/// the sender's word only: save through <see cref="Files.SafeFileName"/>, never use it as a path.
/// </summary>
public sealed class ChatPayload(string contentType, string? name, ReadOnlyMemory<byte> data)
{
    public string ContentType { get; } = contentType;

    public string? Name { get; } = name;

    public ReadOnlyMemory<byte> Data { get; } = data;

    public int Size => Data.Length;
}

public static class MessageEventPayloads
{
    /// <summary>The message's payload; null for plain chat. Throws <see cref="InvalidDataException"/> when its data is not base64.</summary>
    public static ChatPayload? GetPayload(this MessageEvent message)
    {
        if (message.Data is null)
        {
            return null;
        }

        try
        {
            return new ChatPayload(message.ContentType ?? "text/plain", message.Name, Convert.FromBase64String(message.Data));
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"The payload from {message.From} is not valid base64.", ex);
        }
    }
}
