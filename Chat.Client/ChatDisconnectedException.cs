namespace Chat.Client;

/// <summary>A send failed because the client has no connection right now (it may be reconnecting, or it has stopped).</summary>
public sealed class ChatDisconnectedException(string message, Exception? inner = null) : IOException(message, inner);
