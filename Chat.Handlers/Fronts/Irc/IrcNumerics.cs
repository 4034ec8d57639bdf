namespace Chat.Handlers.Fronts.Irc;

/// <summary>
/// The numeric replies the IRC front sends, named after the Modern IRC client protocol (RPL_WELCOME is
/// <see cref="RplWelcome"/>). Strings, because a numeric travels as the command of a message.
/// </summary>
public static class IrcNumerics
{
    // Registration burst.
    public const string RplWelcome = "001";
    public const string RplYourHost = "002";
    public const string RplCreated = "003";
    public const string RplMyInfo = "004";
    public const string RplISupport = "005";

    public const string RplUModeIs = "221";

    // LUSERS.
    public const string RplLUserClient = "251";
    public const string RplLUserOp = "252";
    public const string RplLUserUnknown = "253";
    public const string RplLUserChannels = "254";
    public const string RplLUserMe = "255";
    public const string RplLocalUsers = "265";
    public const string RplGlobalUsers = "266";

    // AWAY.
    public const string RplAway = "301";
    public const string RplUserHost = "302";
    public const string RplIsOn = "303";
    public const string RplUnAway = "305";
    public const string RplNowAway = "306";

    // WHOIS and WHO (316 is reserved and unused since RFC 1459).
    public const string RplWhoisUser = "311";
    public const string RplWhoisServer = "312";
    public const string RplWhoisOperator = "313";
    public const string RplWhowasUser = "314";
    public const string RplEndOfWho = "315";
    public const string RplWhoisIdle = "317";
    public const string RplEndOfWhois = "318";
    public const string RplWhoisChannels = "319";
    public const string RplWhoReply = "352";
    public const string RplWhoisSecure = "671";

    // LIST, MODE, TOPIC, INVITE, NAMES.
    public const string RplListStart = "321";
    public const string RplList = "322";
    public const string RplListEnd = "323";
    public const string RplChannelModeIs = "324";
    public const string RplCreationTime = "329";
    public const string RplNoTopic = "331";
    public const string RplTopic = "332";
    public const string RplTopicWhoTime = "333";
    public const string RplInviting = "341";
    public const string RplNamReply = "353";
    public const string RplEndOfNames = "366";
    public const string RplBanList = "367";
    public const string RplEndOfBanList = "368";
    public const string RplVersion = "351";

    // MOTD.
    public const string RplMotd = "372";
    public const string RplMotdStart = "375";
    public const string RplEndOfMotd = "376";

    // Errors.
    public const string ErrUnknownError = "400";
    public const string ErrNoSuchNick = "401";
    public const string ErrNoSuchChannel = "403";
    public const string ErrCannotSendToChan = "404";
    public const string ErrTooManyChannels = "405";
    public const string ErrTooManyTargets = "407";
    public const string ErrNoRecipient = "411";
    public const string ErrInvalidCapCmd = "410";
    public const string ErrNoTextToSend = "412";
    public const string ErrInputTooLong = "417";
    public const string ErrUnknownCommand = "421";
    public const string ErrNoMotd = "422";
    public const string ErrNoNicknameGiven = "431";
    public const string ErrErroneusNickname = "432";
    public const string ErrNicknameInUse = "433";
    public const string ErrNickCollision = "436";
    public const string ErrUserNotInChannel = "441";
    public const string ErrNotOnChannel = "442";
    public const string ErrUserOnChannel = "443";
    public const string ErrNotRegistered = "451";
    public const string ErrNeedMoreParams = "461";
    public const string ErrAlreadyRegistered = "462";
    public const string ErrPasswdMismatch = "464";
    public const string ErrYoureBannedCreep = "465";
    public const string ErrChannelIsFull = "471";
    public const string ErrUnknownMode = "472";
    public const string ErrInviteOnlyChan = "473";
    public const string ErrBannedFromChan = "474";
    public const string ErrBadChannelKey = "475";
    public const string ErrBadChanMask = "476";
    public const string ErrNoChanModes = "477";
    public const string ErrNoPrivileges = "481";
    public const string ErrChanOPrivsNeeded = "482";
    public const string ErrUModeUnknownFlag = "501";
    public const string ErrUsersDontMatch = "502";

    // SASL (IRCv3 sasl-3.1).
    public const string RplLoggedIn = "900";
    public const string RplLoggedOut = "901";
    public const string ErrNickLocked = "902";
    public const string RplSaslSuccess = "903";
    public const string ErrSaslFail = "904";
    public const string ErrSaslTooLong = "905";
    public const string ErrSaslAborted = "906";
    public const string ErrSaslAlready = "907";
    public const string RplSaslMechs = "908";
}
