namespace Chat.Handlers.Accounts;

/// <summary>A registered name and its password hash (<see cref="Microsoft.AspNetCore.Identity.PasswordHasher{TUser}"/>'s format).</summary>
public sealed record StoredAccount(string Name, string PasswordHash);

/// <summary>Where accounts live; names are unique ignoring case.</summary>
public interface IAccountStore
{
    ValueTask<StoredAccount?> FindAsync(string name);

    /// <summary>False when the name is an account already.</summary>
    ValueTask<bool> TryCreateAsync(StoredAccount account);

    ValueTask UpdatePasswordAsync(string name, string passwordHash);
}
