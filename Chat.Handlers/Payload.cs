namespace Chat.Handlers;

/// <summary>A validated typed payload: MIME type, optional file name, base64 data and its decoded size.</summary>
public sealed record Payload(string ContentType, string? Name, string Data, long Size);
