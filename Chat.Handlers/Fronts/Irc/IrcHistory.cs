using System.Buffers;
using Chat.Handlers.Fronts.Line;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc;

/// <summary>A page of history asked for with CHATHISTORY: sent as a batch, even an empty one.</summary>
internal sealed record IrcChatHistoryReply(HistoryEvent History) : ServerEvent;

/// <summary>
/// A room's earlier messages (on joining, or asked for with HISTORY or CHATHISTORY), or a conversation's, as IRC
/// clients take them. A client with
/// server-time gets the lines as they were sent, each with its time (and its id as <c>msgid</c> with message-tags),
/// inside a <c>chathistory</c> batch if it asked for batch. A client without server-time would show them as said now,
/// so it gets them as text users do: server notices to the channel (to the user, for a conversation), each with its
/// time in front; an answer to CHATHISTORY (<paramref name="requested"/>) comes as lines all the same, the
/// client having asked for exactly that.
/// </summary>
internal static class IrcHistory
{
    private const string Batch = "history";

    public static void Write(HistoryEvent history, string server, string nick, IrcCapability capabilities, IBufferWriter<byte> output, bool requested = false)
    {
        // The batch and the paging hint name the channel or the other account; notices of a conversation go to the user.
        var channel = history.With ?? IrcMask.Channel(history.Room!);
        var noticeTarget = history.With is null ? channel : nick;
        var serverTime = capabilities.HasFlag(IrcCapability.ServerTime);
        if (!requested && (!serverTime || history.Messages.Count == 0))
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
            IrcEvents.TryWrite(message, serverTime, output, batched ? Batch : null, capabilities.HasFlag(IrcCapability.MessageTags));
        }

        if (batched)
        {
            IrcMessageWriter.Write(new IrcMessage("BATCH", "-" + Batch) { Prefix = server }, output);
        }

        if (history.More && !requested)
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
