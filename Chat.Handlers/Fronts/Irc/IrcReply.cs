using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>Replies the IRC front builds itself (the numerics of WHO, NAMES, CAP …), queued together as one frame.</summary>
internal sealed record IrcReply(IReadOnlyList<IrcMessage> Messages) : ServerEvent;
