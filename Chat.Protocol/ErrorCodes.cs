namespace Chat.Protocol;

/// <summary>The stable <c>code</c> values of <see cref="ErrorEvent"/>, documented in docs/PROTOCOL.md.</summary>
public static class ErrorCodes
{
    public const string NameInvalid = "name_invalid";
    public const string NameTaken = "name_taken";
    public const string NotRegistered = "not_registered";
    public const string AlreadyRegistered = "already_registered";
    public const string LineTooLong = "line_too_long";
    public const string BadJson = "bad_json";
    public const string BadRequest = "bad_request";
    public const string UnknownCommand = "unknown_command";
    public const string BadArguments = "bad_arguments";
    public const string NoSuchUser = "no_such_user";
    public const string NotInRoom = "not_in_room";
    public const string RoomInvalid = "room_invalid";
    public const string TooManyRooms = "too_many_rooms";
    public const string TopicTooLong = "topic_too_long";
    public const string SendQueueExceeded = "send_queue_exceeded";
    public const string InternalError = "internal_error";
    public const string BadContentType = "bad_content_type";
    public const string ContentTypeNotAllowed = "content_type_not_allowed";
    public const string BadBase64 = "bad_base64";
    public const string PayloadTooLarge = "payload_too_large";
    public const string BadFileName = "bad_file_name";
    public const string RateLimited = "rate_limited";
    public const string TooManyViolations = "too_many_violations";
    public const string RegistrationTimeout = "registration_timeout";
    public const string PingTimeout = "ping_timeout";
    public const string ServerFull = "server_full";
    public const string TooManyConnections = "too_many_connections";
    public const string NamesUnavailable = "names_unavailable";
    public const string BadPassword = "bad_password";
    public const string LockedOut = "locked_out";
    public const string AccountExists = "account_exists";
    public const string NotLoggedIn = "not_logged_in";
    public const string PasswordInvalid = "password_invalid";
    public const string NotOperator = "not_operator";
    public const string NotOwner = "not_owner";
    public const string RoomRegistered = "room_registered";
    public const string NoSuchAccount = "no_such_account";
    public const string HistoryWriteFailed = "history_write_failed";
    public const string HistoryUnavailable = "history_unavailable";
    public const string HistoryDisabled = "history_disabled";
}
