using Chat.Protocol;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Accounts;

/// <summary>
/// Accounts: creation, password checks with lockout, password changes. Passwords arrive here and go no further than
/// the hasher; only names and addresses are logged.
/// </summary>
public sealed partial class AccountService(IAccountStore store, LoginLimiter limiter, IOptions<ChatOptions> options, ILogger<AccountService> logger)
{
    private readonly PasswordHasher<StoredAccount> _hasher = new();
    private readonly AccountOptions _options = options.Value.Accounts;

    public AccountOptions Options => _options;

    public async ValueTask<bool> ExistsAsync(string name) => await store.FindAsync(name) is not null;

    /// <summary>Null when <paramref name="password"/> opens the account <paramref name="name"/>; the account's own spelling in <paramref name="account"/>.</summary>
    public async ValueTask<(ChatError? Error, string? Account)> VerifyAsync(string name, string password, string? address)
    {
        if (limiter.LockedFor(name, address) is { Ticks: > 0 } locked)
        {
            Log.LockedOut(logger, name, address);
            return (new ChatError(ErrorCodes.LockedOut, name, (long)Math.Ceiling(locked.TotalSeconds)), null);
        }

        var account = await store.FindAsync(name);
        var result = account is null ? PasswordVerificationResult.Failed : _hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            limiter.Failed(name, address);
            Log.LoginFailed(logger, name, address);
            return (new ChatError(ErrorCodes.BadPassword, name), null);
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await store.UpdatePasswordAsync(account!.Name, _hasher.HashPassword(account, password));
        }

        limiter.Succeeded(name);
        Log.LoggedIn(logger, account!.Name, address);
        return (null, account.Name);
    }

    public async ValueTask<ChatError?> CreateAsync(string name, string password)
    {
        if (CheckPassword(password) is { } invalid)
        {
            return invalid;
        }

        var account = new StoredAccount(name, "");
        if (!await store.TryCreateAsync(account with { PasswordHash = _hasher.HashPassword(account, password) }))
        {
            return new ChatError(ErrorCodes.AccountExists, name);
        }

        Log.AccountRegistered(logger, name);
        return null;
    }

    public async ValueTask<ChatError?> ChangePasswordAsync(string name, string oldPassword, string newPassword, string? address)
    {
        if (CheckPassword(newPassword) is { } invalid)
        {
            return invalid;
        }

        var (error, account) = await VerifyAsync(name, oldPassword, address);
        if (error is not null)
        {
            return error;
        }

        await store.UpdatePasswordAsync(account!, _hasher.HashPassword(new StoredAccount(account!, ""), newPassword));
        Log.PasswordChanged(logger, account!);
        return null;
    }

    private ChatError? CheckPassword(string password) =>
        password.Length >= _options.MinPasswordLength && password.Length <= _options.MaxPasswordLength
            ? null
            : new ChatError(ErrorCodes.PasswordInvalid, Limit: _options.MinPasswordLength, Actual: _options.MaxPasswordLength);

    private static partial class Log
    {
        [LoggerMessage(1050, LogLevel.Information, "Account {Account} registered")]
        public static partial void AccountRegistered(ILogger logger, string account);

        [LoggerMessage(1051, LogLevel.Information, "Logged in to {Account} from {Address}")]
        public static partial void LoggedIn(ILogger logger, string account, string? address);

        [LoggerMessage(1052, LogLevel.Warning, "Failed login to {Account} from {Address}")]
        public static partial void LoginFailed(ILogger logger, string account, string? address);

        [LoggerMessage(1053, LogLevel.Warning, "Login to {Account} from {Address} refused: locked out")]
        public static partial void LockedOut(ILogger logger, string account, string? address);

        [LoggerMessage(1054, LogLevel.Information, "Password of {Account} changed")]
        public static partial void PasswordChanged(ILogger logger, string account);
    }
}
