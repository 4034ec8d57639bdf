using Chat.Protocol;

namespace Chat.Client;

/// <summary>
/// The server refused the name: <see cref="Code"/> is <see cref="ErrorCodes.NameTaken"/> or
/// <see cref="ErrorCodes.NameInvalid"/>; <see cref="ServerMessage"/> is the server's own wording.
/// </summary>
public sealed class ChatRegistrationException(string code, string name, string serverMessage)
    : Exception(code == ErrorCodes.NameTaken ? $"The name {name} is taken." : $"The name {name} was refused: {serverMessage}")
{
    public string Code { get; } = code;

    public string Name { get; } = name;

    public string ServerMessage { get; } = serverMessage;
}
