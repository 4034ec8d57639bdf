using Chat.Protocol;

namespace Chat.Client;

/// <summary>
/// The server refused the name: <see cref="Code"/> is <see cref="ErrorCodes.NameTaken"/> or
/// <see cref="ErrorCodes.NameInvalid"/>; <see cref="ServerMessage"/> is the server's own wording.
/// </summary>
public sealed class ChatRegistrationException(string code, string name, string serverMessage)
    : Exception(code == ErrorCodes.NameTaken ? $"The name {name} is taken." : $"The name {name} was refused: {WithoutPrompt(serverMessage)}")
{
    /// <summary>The server ends its refusal with a prompt for people typing at it; a program cannot answer it.</summary>
    private const string Prompt = " Enter another name:";

    public string Code { get; } = code;

    public string Name { get; } = name;

    public string ServerMessage { get; } = serverMessage;

    private static string WithoutPrompt(string message) =>
        message.EndsWith(Prompt, StringComparison.Ordinal) ? message[..^Prompt.Length] : message;
}
