using System.Diagnostics.CodeAnalysis;
using Chat.Protocol;

namespace Chat.Handlers.Commands;

/// <summary>
/// Every command by name, ignoring case: the built-ins and the custom ones from dependency injection, in one table
/// that <c>/help</c> lists and every front reaches.
/// </summary>
public sealed class CommandTable
{
    private readonly Dictionary<string, CommandInfo> _infos = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ChatCommand> _custom = new(StringComparer.OrdinalIgnoreCase);

    public CommandTable(IEnumerable<ChatCommand> custom)
    {
        foreach (var info in BuiltInCommands.All)
        {
            _infos.Add(info.Name, info);
        }

        foreach (var command in custom)
        {
            if (!_infos.TryAdd(command.Name, new CommandInfo(command.Name, command.Usage, command.Help)))
            {
                throw new InvalidOperationException($"Two chat commands are named '{command.Name}'.");
            }

            _custom.Add(command.Name, command);
        }

        All = [.. _infos.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public IReadOnlyList<CommandInfo> All { get; }

    public CommandInfo? Find(string name) => _infos.GetValueOrDefault(name);

    /// <summary>A custom command, added with <c>AddChatCommand</c>.</summary>
    public bool TryGetCustom(string name, [NotNullWhen(true)] out ChatCommand? command) => _custom.TryGetValue(name, out command);
}
