using System.Text;

namespace Chat.Handlers.Fronts.Irc.Commands;

/// <summary>
/// SASL PLAIN (IRCv3 sasl-3.1) before registration: <c>AUTHENTICATE PLAIN</c>, then the base64 of
/// <c>authzid\0account\0password</c> in lines of up to 400 bytes. The password is checked as PASS's is (failures count
/// toward the lockout), and registering then logs in to the account, whose name the user takes. Numerics: 900 and 903
/// on success, 904 on failure, 905 for a payload too long, 906 when aborted, 907 once authenticated, 908 with 904 for
/// another mechanism.
/// </summary>
internal static class IrcSaslCommands
{
    /// <summary>Base64 of one AUTHENTICATE line; a line this long says more follows.</summary>
    private const int ChunkLength = 400;

    /// <summary>Base64 of a whole payload: room for two names and the longest password, with margin.</summary>
    private const int MaxPayloadLength = 3 * ChunkLength;

    public static async ValueTask AuthenticateAsync(IrcContext context)
    {
        var connection = context.Connection;
        var argument = context.Parameters[0];
        if (context.Session.IsRegistered || context.Session.AuthenticatedAccount is not null)
        {
            context.Reply(IrcNumerics.ErrSaslAlready, "You have already authenticated using SASL");
            return;
        }

        if (argument == "*")
        {
            connection.Sasl = null;
            context.Reply(IrcNumerics.ErrSaslAborted, "SASL authentication aborted");
            return;
        }

        if (connection.Sasl is not { } payload)
        {
            if (string.Equals(argument, "PLAIN", StringComparison.OrdinalIgnoreCase))
            {
                connection.Sasl = new StringBuilder();
                context.Send(new IrcMessage("AUTHENTICATE", "+"));
            }
            else
            {
                connection.SaslRefused("unknown mechanism");
                context.Reply(IrcNumerics.RplSaslMechs, "PLAIN", "are available SASL mechanisms");
                context.Reply(IrcNumerics.ErrSaslFail, "SASL authentication failed");
            }

            return;
        }

        if (argument.Length > ChunkLength || payload.Length + argument.Length > MaxPayloadLength)
        {
            connection.Sasl = null;
            connection.SaslRefused("payload too long");
            context.Reply(IrcNumerics.ErrSaslTooLong, "SASL message too long");
            return;
        }

        if (argument != "+")
        {
            payload.Append(argument);
        }

        if (argument.Length == ChunkLength)
        {
            return;
        }

        connection.Sasl = null;
        if (!TryDecodePlain(payload.ToString(), out var account, out var password))
        {
            connection.SaslRefused("malformed PLAIN payload");
            context.Reply(IrcNumerics.ErrSaslFail, "SASL authentication failed");
            return;
        }

        // A wrong password or a lockout is logged by the accounts, as any login's.
        if (await context.Chat.AuthenticateBeforeRegisteringAsync(context.Session, account, password) is not null)
        {
            context.Reply(IrcNumerics.ErrSaslFail, "SASL authentication failed");
            return;
        }

        var name = context.Session.AuthenticatedAccount!;
        context.Reply(IrcNumerics.RplLoggedIn, IrcMask.Of(context.Nick), name, $"You are now logged in as {name}");
        context.Reply(IrcNumerics.RplSaslSuccess, "SASL authentication successful");
    }

    /// <summary>
    /// <c>authzid\0authcid\0password</c>: the account is authcid, and authzid, if given, must name the same one (nobody
    /// acts as another account here).
    /// </summary>
    private static bool TryDecodePlain(string base64, out string account, out string password)
    {
        (account, password) = ("", "");
        var bytes = new byte[base64.Length * 3 / 4];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        if (text.Split('\0') is not [var authzid, var authcid, var secret] || authcid.Length == 0 || secret.Length == 0
            || (authzid.Length > 0 && !string.Equals(authzid, authcid, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        (account, password) = (authcid, secret);
        return true;
    }
}
