using Chat.Handlers.Pipeline;

namespace Chat.Handlers.Fronts.Irc.Commands;

/// <summary>
/// An entry of the IRC command table: the parameters the command needs (fewer get 461), whether it works before
/// registration (if not, the pipeline answers 451), and what runs it.
/// </summary>
internal sealed record IrcCommandInfo(string Name, int MinParameters, bool BeforeRegistration, Func<IrcContext, ValueTask> Run, bool IsMessage = false);

/// <summary>A line whose command is in the IRC table, on its way through the pipeline like any other command.</summary>
internal sealed record IrcCommand(IrcCommandInfo Info, IrcMessage Message, IrcConnection Connection) : FrontCommand
{
    public override bool AllowedBeforeRegistration => Info.BeforeRegistration;

    public override bool IsMessage => Info.IsMessage;

    public override async ValueTask ExecuteAsync(ChatContext context)
    {
        var irc = new IrcContext(context, Connection, Message);
        if (Message.Parameters.Count < Info.MinParameters)
        {
            irc.Reply(IrcNumerics.ErrNeedMoreParams, Info.Name, "Not enough parameters");
        }
        else
        {
            await Info.Run(irc);
        }

        irc.Flush();
    }
}
