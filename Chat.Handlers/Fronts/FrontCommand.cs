using Chat.Handlers.Pipeline;
using Chat.Protocol;

namespace Chat.Handlers.Fronts;

/// <summary>
/// A command only its front knows (IRC's WHO, MODE, CAP): decoded like any other, it runs through the pipeline, so
/// flood control and the registration check apply to it too, and executes itself at the command step. It may run
/// core commands on its way (<see cref="ChatContext.DispatchAsync"/>).
/// </summary>
public abstract record FrontCommand : ClientMessage
{
    /// <summary>Part of the front's registration dialogue, so usable before the user has a name.</summary>
    public virtual bool AllowedBeforeRegistration => false;

    /// <summary>A message to rooms or users (IRC's PRIVMSG), which need not wait for the session's messages before it.</summary>
    public virtual bool IsMessage => false;

    public abstract ValueTask ExecuteAsync(ChatContext context);
}
