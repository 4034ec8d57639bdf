using System.Globalization;
using Chat.Handlers.Events;
using Chat.Handlers.History;
using Chat.Protocol;

namespace Chat.Handlers.Fronts.Irc.Commands;

/// <summary>
/// CHATHISTORY (IRCv3 <c>draft/chathistory</c>): LATEST, BEFORE, AFTER, AROUND and BETWEEN a channel's messages, or
/// a conversation's between the user's account and another, answered in a <c>chathistory</c> batch. References are
/// <c>msgid=</c> (the ids the room gives its messages, sent as <c>msgid</c> tags) or <c>*</c>; a <c>timestamp=</c>
/// works with LATEST only, since history is read by id. Only messages and actions come back (no event-playback).
/// Refusals are standard replies: <c>FAIL CHATHISTORY …</c>.
/// </summary>
internal static class IrcChatHistoryCommands
{
    public static async ValueTask RunAsync(IrcContext context)
    {
        var parameters = context.Parameters;
        var subcommand = parameters[0].ToUpperInvariant();
        if (subcommand is not ("LATEST" or "BEFORE" or "AFTER" or "AROUND" or "BETWEEN"))
        {
            Fail(context, "UNKNOWN_COMMAND", [parameters[0]], "Unknown command");
            return;
        }

        var count = subcommand == "BETWEEN" ? 5 : 4;
        if (parameters.Count < count)
        {
            Fail(context, "NEED_MORE_PARAMS", [subcommand], "Missing parameters");
            return;
        }

        var history = context.Connection.History;
        var target = parameters[1];
        if (!history.IsEnabled || Key(context, target) is not { } key)
        {
            Fail(context, "INVALID_TARGET", [subcommand, target], "Messages could not be retrieved");
            return;
        }

        var to = default(Reference);
        if (!(int.TryParse(parameters[count - 1], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0
            && TryReference(parameters[2], subcommand == "LATEST", out var from)
            && (subcommand != "BETWEEN" || TryReference(parameters[3], latest: false, out to))))
        {
            Fail(context, "INVALID_PARAMS", [subcommand], "Invalid parameters: a reference is * (LATEST), msgid=ID, or timestamp=T (LATEST)");
            return;
        }

        limit = Math.Min(limit, history.MaxPageSize);
        var entries = subcommand switch
        {
            "LATEST" => Where(await history.ReadAsync(key, null, null, limit), e => from.IsNewer(e)),
            "BEFORE" => await history.ReadAsync(key, from.Id, null, limit),
            "AFTER" => await history.ReadAsync(key, null, from.Id, limit),
            "AROUND" => await AroundAsync(history, key, from.Id!.Value, limit),
            _ => from.Id < to.Id
                ? Where(await history.ReadAsync(key, null, from.Id, limit), e => e.Id < to.Id)
                : Where(await history.ReadAsync(key, from.Id, null, limit), e => e.Id > to.Id),
        };

        if (entries is null)
        {
            Fail(context, "MESSAGE_ERROR", [subcommand, target], "Messages could not be retrieved");
            return;
        }

        // Without event-playback, a batch holds PRIVMSG and NOTICE only: topic changes stay out.
        ServerEvent[] messages = [.. entries.Where(e => e.Kind != HistoryKind.Topic).Select(e => e.ToEvent())];
        var page = target.StartsWith('#')
            ? new HistoryEvent(key, messages, More: false)
            : new HistoryEvent(null, messages, More: false) { With = target };
        context.Flush();
        context.Session.Send(new IrcChatHistoryReply(page));
    }

    /// <summary>The history key of a channel the user is in, or of the conversation with a nick for a user logged in.</summary>
    private static string? Key(IrcContext context, string target)
    {
        if (target.StartsWith('#'))
        {
            return IrcChannelCommands.Member(context, target)?.Name;
        }

        return context.Session.Account is { } account && Names.IsValid(target, context.Server.Limits.MaxNameLength)
            ? new DirectConversation(account, target).Key
            : null;
    }

    /// <summary>Up to half of the page before the message (it included), the rest after it.</summary>
    private static async ValueTask<IReadOnlyList<HistoryEntry>?> AroundAsync(ChatHistory history, string key, long id, int limit)
    {
        var before = await history.ReadAsync(key, id + 1, null, (limit + 1) / 2);
        if (before is null || before.Count == limit)
        {
            return before;
        }

        var after = await history.ReadAsync(key, null, id, limit - before.Count);
        return after is null ? null : [.. before, .. after];
    }

    private static IReadOnlyList<HistoryEntry>? Where(IReadOnlyList<HistoryEntry>? entries, Func<HistoryEntry, bool> keep) =>
        entries is null ? null : [.. entries.Where(keep)];

    /// <summary><c>msgid=ID</c>; with LATEST also <c>*</c> (no bound) and <c>timestamp=T</c>.</summary>
    private static bool TryReference(string text, bool latest, out Reference reference)
    {
        reference = default;
        if (text == "*")
        {
            return latest;
        }

        if (text.StartsWith("msgid=", StringComparison.Ordinal))
        {
            var parsed = long.TryParse(text.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0;
            reference = new Reference(id, null);
            return parsed;
        }

        if (latest && text.StartsWith("timestamp=", StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text.AsSpan(10), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            reference = new Reference(null, time);
            return true;
        }

        return false;
    }

    /// <summary>A standard reply: <c>FAIL CHATHISTORY CODE context… :description</c>.</summary>
    private static void Fail(IrcContext context, string code, string[] about, string description)
    {
        context.Connection.ChatHistoryRefused(about[0], code);
        context.Send(context.Server.Reply("FAIL", ["CHATHISTORY", code, .. about.Select(IrcWords.Safe), description]));
    }

    /// <summary>Where a request starts: a message id, a time, or neither (<c>*</c>).</summary>
    private readonly record struct Reference(long? Id, DateTimeOffset? Time)
    {
        public bool IsNewer(HistoryEntry entry) => entry.Id > (Id ?? 0) && (Time is not { } time || entry.Ts > time);
    }
}
