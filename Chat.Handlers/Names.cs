namespace Chat.Handlers;

/// <summary>The rule for user and room names: ASCII letters, digits, '_' and '-' (no look-alike characters).</summary>
public static class Names
{
    public static bool IsValid(string name, int maxLength) =>
        name.Length >= 1 && name.Length <= maxLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>Room names may be written with a leading '#'.</summary>
    public static string TrimRoomPrefix(string room) => room.StartsWith('#') ? room[1..] : room;
}
