using Chat.Protocol;

namespace Chat.Client;

/// <summary>
/// Made by <see cref="ChatClient"/> itself, never sent by a server: the connection was lost. With
/// <see cref="RetryIn"/> set the client tries again after that delay (<see cref="Attempt"/> counts from 1);
/// when null it has stopped and the event stream ends. A successful reconnect shows as a new <see cref="WelcomeEvent"/>.
/// It travels in the same stream as server events so a reader sees everything in order.
/// </summary>
public sealed record DisconnectedEvent(string Reason, int Attempt, TimeSpan? RetryIn) : ServerEvent;
