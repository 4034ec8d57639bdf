namespace Chat.Handlers.Commands;

/// <summary>
/// A custom command, registered with <c>services.AddChatCommand&lt;T&gt;()</c>: text users type <c>/name args</c>,
/// JSON users send <c>{"type":"command","name":...,"args":...}</c>, and it shows in <c>/help</c> beside the built-ins.
/// The checks declared here run once, in <see cref="CommandFilter"/>.
/// </summary>
public abstract class ChatCommand
{
    /// <summary>The word after the slash, matched ignoring case.</summary>
    public abstract string Name { get; }

    /// <summary>For example <c>/roll [NdM]</c>.</summary>
    public abstract string Usage { get; }

    public abstract string Help { get; }

    /// <summary>Words the arguments must have at least; fewer gets the usage line.</summary>
    public virtual int MinArguments => 0;

    /// <summary>Whether the command works before the user has a name.</summary>
    public virtual bool AllowedBeforeRegistration => false;

    public abstract ValueTask ExecuteAsync(CommandContext context);
}
