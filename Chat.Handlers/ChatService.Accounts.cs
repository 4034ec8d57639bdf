using System.Collections.Concurrent;
using System.Net;
using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Handlers;

/// <summary>Accounts in the core: logging in, claiming a name, and the deadline of a guest who takes a registered name.</summary>
public sealed partial class ChatService
{
    private const int GuestNameAttempts = 20;

    /// <summary>Guests holding a registered name, each with the timer that renames them.</summary>
    private readonly ConcurrentDictionary<ChatSession, ITimer> _loginDeadlines = new();

    /// <summary>Logs in to an account and takes its name; before registering, this is how the session registers.</summary>
    public async ValueTask<ChatError?> LoginAsync(ChatSession session, string name, string password)
    {
        if (!session.IsRegistered)
        {
            return await RegisterAsync(session, name, password);
        }

        if (CheckName(name) is { } invalid)
        {
            return invalid;
        }

        var (refused, account) = await AuthenticateAsync(session, name, password);
        if (refused is not null)
        {
            return refused;
        }

        if (RefuseServerBanned(session, account!, account))
        {
            return null;
        }

        var previous = session.Account;
        session.Account = account;
        if (!string.Equals(session.Name, account, StringComparison.Ordinal) && await MoveAsync(session, account!) is { } taken)
        {
            session.Account = previous;
            return taken;
        }

        CancelLoginDeadline(session);
        session.Send(new AccountEvent(account!, AccountStatus.LoggedIn));
        return null;
    }

    /// <summary>
    /// Checks an account's password for a front that authenticates before registering (IRC's SASL), as registering
    /// with a password does: failures count toward the lockout and are logged. Registering then logs in to the account.
    /// </summary>
    public async ValueTask<ChatError?> AuthenticateBeforeRegisteringAsync(ChatSession session, string name, string password)
    {
        if (session.IsRegistered)
        {
            return new ChatError(ErrorCodes.AlreadyRegistered, session.Name);
        }

        if (CheckName(name) is { } invalid)
        {
            return invalid;
        }

        var (refused, account) = await AuthenticateAsync(session, name, password);
        session.AuthenticatedAccount = account;
        return refused;
    }

    /// <summary>Makes the session's current name an account it is logged in to.</summary>
    public async ValueTask<ChatError?> RegisterAccountAsync(ChatSession session, string password)
    {
        var name = session.Name!;
        if (await accounts.CreateAsync(name, password) is { } refused)
        {
            return refused;
        }

        session.Account = name;
        CancelLoginDeadline(session);
        session.Send(new AccountEvent(name, AccountStatus.Registered));
        return null;
    }

    public async ValueTask<ChatError?> ChangePasswordAsync(ChatSession session, string oldPassword, string newPassword)
    {
        if (session.Account is not { } account)
        {
            return new ChatError(ErrorCodes.NotLoggedIn);
        }

        if (await accounts.ChangePasswordAsync(account, oldPassword, newPassword, Address(session)) is { } refused)
        {
            return refused;
        }

        session.Send(new AccountEvent(account, AccountStatus.PasswordChanged));
        return null;
    }

    /// <summary>Checks the password; on success a guest holding the account's name is renamed to make room.</summary>
    private async ValueTask<(ChatError? Error, string? Account)> AuthenticateAsync(ChatSession session, string name, string password)
    {
        var (refused, account) = await accounts.VerifyAsync(name, password, Address(session));
        if (refused is null && users.TryGet(account!, out var holder) && holder != session
            && !string.Equals(holder.Account, account, StringComparison.OrdinalIgnoreCase))
        {
            await RenameToGuestAsync(holder);
        }

        return (refused, account);
    }

    /// <summary>A user who is not its owner has taken a registered name: they must log in before the deadline.</summary>
    private async ValueTask RequireLoginIfAccountAsync(ChatSession session)
    {
        CancelLoginDeadline(session);
        var name = session.Name!;
        if (string.Equals(session.Account, name, StringComparison.OrdinalIgnoreCase) || !await accounts.ExistsAsync(name))
        {
            return;
        }

        var timeout = accounts.Options.LoginTimeout;
        var seconds = (int)Math.Ceiling(timeout.TotalSeconds);
        Log.LoginRequired(logger, name, seconds);
        session.Send(new AccountEvent(name, AccountStatus.LoginRequired, seconds));
        var timer = time.CreateTimer(_ => _ = ExpireLoginDeadlineAsync(session, name), null, timeout, Timeout.InfiniteTimeSpan);
        if (!_loginDeadlines.TryAdd(session, timer))
        {
            timer.Dispose();
        }
    }

    private async Task ExpireLoginDeadlineAsync(ChatSession session, string name)
    {
        CancelLoginDeadline(session);
        // The guest may have logged in, renamed or left while the timer fired.
        if (session.IsClosing || !string.Equals(session.Name, name, StringComparison.Ordinal)
            || string.Equals(session.Account, name, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        try
        {
            await RenameToGuestAsync(session);
        }
        catch (Exception ex)
        {
            Log.RenameToGuestFailed(logger, name, ex);
        }
    }

    private async ValueTask RenameToGuestAsync(ChatSession session)
    {
        var name = session.Name!;
        CancelLoginDeadline(session);
        for (var attempt = 0; attempt < GuestNameAttempts; attempt++)
        {
            var guest = $"Guest{Random.Shared.Next(1000, 10000)}";
            if (!await accounts.ExistsAsync(guest) && await MoveAsync(session, guest) is null)
            {
                Log.RenamedToGuest(logger, name, guest);
                return;
            }
        }

        session.Close(CloseReasons.NoGuestName, new ChatError(ErrorCodes.NameTaken, name));
    }

    private void CancelLoginDeadline(ChatSession session)
    {
        if (_loginDeadlines.TryRemove(session, out var timer))
        {
            timer.Dispose();
        }
    }

    private static string? Address(ChatSession session) => (session.RemoteEndPoint as IPEndPoint)?.Address.ToString();
}
