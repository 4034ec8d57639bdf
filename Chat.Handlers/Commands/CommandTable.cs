using System.Diagnostics.CodeAnalysis;

namespace Chat.Handlers.Commands;

/// <summary>Every registered command by name; built from dependency injection, so custom commands join the built-ins.</summary>
public sealed class CommandTable
{
    private readonly Dictionary<string, ChatCommand> _byName = new(StringComparer.OrdinalIgnoreCase);

    public CommandTable(IEnumerable<ChatCommand> commands)
    {
        foreach (var command in commands)
        {
            if (!_byName.TryAdd(command.Name, command))
            {
                throw new InvalidOperationException($"Two chat commands are named '{command.Name}'.");
            }
        }

        All = [.. _byName.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public IReadOnlyList<ChatCommand> All { get; }

    public bool TryGet(string name, [NotNullWhen(true)] out ChatCommand? command) => _byName.TryGetValue(name, out command);
}
