using Chat.Protocol;

namespace Chat.Handlers.Fronts;

/// <summary>The English wording of the core's errors, for the fronts that show sentences (text, JSON, IRC trailers).</summary>
public static class ErrorText
{
    public static string Render(ChatError e)
    {
        var text = e.Code switch
        {
            ErrorCodes.AlreadyRegistered => $"You are already registered as {e.Subject}.",
            ErrorCodes.NameInvalid when e.Detail == ChatError.Reserved => $"{e.Subject} is a reserved name.",
            ErrorCodes.NameInvalid => $"Names are 1 to {e.Limit} letters, digits, '_' or '-'.",
            ErrorCodes.NameTaken => $"The name {e.Subject} is taken.",
            ErrorCodes.NamesUnavailable => $"Names cannot be checked across the cluster right now, so {e.Subject} cannot be claimed; try again shortly.",
            ErrorCodes.NotRegistered when e.Subject is null => "Register a name first.",
            ErrorCodes.NotRegistered => $"Register a name before using /{e.Subject}.",
            ErrorCodes.RoomInvalid => $"Room names are 1 to {e.Limit} letters, digits, '_' or '-'.",
            ErrorCodes.TooManyRooms => $"You are in {e.Limit} rooms already; /leave one first.",
            ErrorCodes.NotInRoom when e.Subject is null => "You are in no room; /join one to talk.",
            ErrorCodes.NotInRoom => $"You are not in #{e.Subject}.",
            ErrorCodes.NoSuchUser => $"There is no user named {e.Subject}.",
            ErrorCodes.TopicTooLong => $"Topics are at most {e.Limit} characters.",
            ErrorCodes.UnknownCommand => $"Unknown command /{e.Subject}. Type /help for the list.",
            ErrorCodes.BadArguments => $"Usage: {e.Subject}",
            ErrorCodes.RateLimited when e.Subject == "bytes" =>
                $"You are sending files too fast (at most {e.Limit} bytes a second): this one was dropped.",
            ErrorCodes.RateLimited =>
                $"You are sending too fast (at most {e.Limit} lines a second, {e.Actual} at once): lines are being dropped.",
            ErrorCodes.SendQueueExceeded => "Send queue exceeded: you are not reading fast enough.",
            ErrorCodes.BadContentType when e.Limit is { } limit => $"Content types are at most {limit} characters.",
            ErrorCodes.BadContentType => $"'{e.Subject}' is not a MIME type like image/png.",
            ErrorCodes.ContentTypeNotAllowed => $"{e.Subject} is not allowed here; allowed: {e.Detail}.",
            ErrorCodes.BadBase64 => "The data is not valid base64.",
            ErrorCodes.PayloadTooLarge => $"The payload is {e.Actual} bytes; the limit is {e.Limit}.",
            ErrorCodes.BadFileName => $"File names are up to {e.Limit} characters, without control characters or slashes.",
            ErrorCodes.TooManyViolations => $"Closing the connection: {e.Subject}.",
            ErrorCodes.RegistrationTimeout => $"No name registered within {e.Subject} seconds; closing the connection.",
            ErrorCodes.PingTimeout => $"No reply to ping within {e.Subject} seconds; closing the connection.",
            ErrorCodes.ServerFull => $"The server is full ({e.Limit} connections); try again later.",
            ErrorCodes.TooManyConnections => $"Too many connections from {e.Subject} (at most {e.Limit}); close one and try again.",
            ErrorCodes.LineTooLong => $"Line too long: the limit is {e.Limit} bytes. It was discarded.",
            ErrorCodes.BadJson when e.Limit is { } position => $"Malformed JSON at byte {position}.",
            ErrorCodes.BadJson => "One JSON object per line: something follows the object.",
            ErrorCodes.BadRequest when e.Subject == "payload" => "Typed messages are not enabled on this server.",
            ErrorCodes.BadRequest => "Expected one JSON object with a known \"type\" and its required fields; see docs/PROTOCOL.md.",
            ErrorCodes.BadPassword => $"Wrong name or password for {e.Subject}.",
            ErrorCodes.LockedOut => $"Too many failed logins: try again in {e.Limit} seconds.",
            ErrorCodes.AccountExists => $"{e.Subject} is registered already.",
            ErrorCodes.NotLoggedIn => "Log in first (/login NAME PASSWORD).",
            ErrorCodes.PasswordInvalid => $"Passwords are {e.Limit} to {e.Actual} characters.",
            ErrorCodes.NotOperator => $"You are not an operator of #{e.Subject}.",
            ErrorCodes.NotOwner => $"Only the owner of #{e.Subject} can do that (it may not be registered: /room register).",
            ErrorCodes.RoomRegistered => $"#{e.Subject} is registered already (owner: {e.Detail}).",
            ErrorCodes.NoSuchAccount => $"There is no account named {e.Subject}.",
            ErrorCodes.Banned => $"You are banned from #{e.Subject}.",
            ErrorCodes.InviteOnly => $"#{e.Subject} is invite-only: an operator must /invite you.",
            ErrorCodes.BadKey => $"#{e.Subject} needs a key: /join #{e.Subject} KEY.",
            ErrorCodes.Muted when e.Limit is { } seconds => $"You are muted in #{e.Subject} for {seconds} more seconds.",
            ErrorCodes.Muted => $"You are muted in #{e.Subject}.",
            ErrorCodes.Moderated => $"#{e.Subject} is moderated: only operators and voiced users speak.",
            ErrorCodes.TopicLocked => $"The topic of #{e.Subject} is locked: only operators set it.",
            ErrorCodes.MaskInvalid => $"'{e.Subject}' is not a mask: an account or name, a pattern like spam*, or an address like 203.0.113.0/24.",
            ErrorCodes.DurationInvalid => $"'{e.Subject}' is not a duration: a number and s, m, h or d, up to {e.Limit} days.",
            ErrorCodes.KeyInvalid => $"Keys are 1 to {e.Limit} characters without spaces.",
            ErrorCodes.ListFull when e.Subject is null => $"The list is full ({e.Limit} entries).",
            ErrorCodes.ListFull => $"That list of #{e.Subject} is full ({e.Limit} entries).",
            ErrorCodes.NotBanned when e.Detail is null => $"{e.Subject} is not banned from the server.",
            ErrorCodes.NotBanned => $"{e.Subject} is not banned from #{e.Detail}.",
            ErrorCodes.NotMuted => $"{e.Subject} is not muted in #{e.Detail}.",
            ErrorCodes.NotServerOperator => "Only server operators can do that.",
            ErrorCodes.ServerBanned => "You are banned from this server.",
            ErrorCodes.InternalError => "Something went wrong handling that line.",
            ErrorCodes.HistoryWriteFailed => $"Your message to #{e.Subject} could not be saved, so nobody got it. Try again.",
            ErrorCodes.HistoryUnavailable => $"The history of #{e.Subject} cannot be read right now. Try again later.",
            ErrorCodes.HistoryDisabled => "This server keeps no history.",
            _ => e.Subject is null ? e.Code : $"{e.Code}: {e.Subject}",
        };

        return e.Retry ? text + " Enter another name:" : text;
    }

    /// <summary>The wire form for fronts that send code and sentence (JSON).</summary>
    public static ErrorEvent ToEvent(ChatError e) => new(e.Code, Render(e));
}
