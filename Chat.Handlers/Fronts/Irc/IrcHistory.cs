using System.Buffers;
using Chat.Handlers.Fronts.Line;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// A room's earlier messages (on joining, or asked for with HISTORY), or a conversation's (HISTORY nick), as IRC
/// clients take them. A client with
/// server-time gets the lines as they were sent, each with its time, inside a <c>chathistory</c> batch if it asked for
/// batch. A client without it would show them as said now, so it gets them as text users do: server notices to the
/// channel (to the user, for a conversation), each with its time in front.
/// </summary>
internal static class IrcHistory
{
    private const string Batch = "history";

    public static void Write(HistoryEvent history, string server, string nick, IrcCapability capabilities, IBufferWriter<byte> output)
    {
        // The batch and the paging hint name the channel or the other account; notices of a conversation go to the user.
        var channel = history.With ?? IrcMask.Channel(history.Room!);
        var noticeTarget = history.With is null ? channel : nick;
        if (!capabilities.HasFlag(IrcCapability.ServerTime) || history.Messages.Count == 0)
        {
            foreach (var line in TextFormat.Render(history).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Notice(line.StartsWith("*** ", StringComparison.Ordinal) ? line[4..] : line);
            }

            return;
        }

        var batched = capabilities.HasFlag(IrcCapability.Batch);
        if (batched)
        {
            IrcMessageWriter.Write(new IrcMessage("BATCH", "+" + Batch, "chathistory", channel) { Prefix = server }, output);
        }

        foreach (var message in history.Messages)
        {
            IrcEvents.TryWrite(message, serverTime: true, output, batched ? Batch : null);
        }

        if (batched)
        {
            IrcMessageWriter.Write(new IrcMessage("BATCH", "-" + Batch) { Prefix = server }, output);
        }

        if (history.More)
        {
            Notice($"Older messages: /history {channel} before {Id(history.Messages[0])}");
        }

        void Notice(string text) =>
            IrcMessageWriter.Write(new IrcMessage("NOTICE", noticeTarget, text) { Prefix = server, ForceTrailing = true }, output);
    }

    private static long Id(ServerEvent e) => e switch
    {
        MessageEvent m => m.Id,
        ActionEvent a => a.Id,
        TopicEvent t => t.Id ?? 0,
        _ => 0,
    };
}
