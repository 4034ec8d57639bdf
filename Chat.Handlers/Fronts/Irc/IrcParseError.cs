namespace Chat.Handlers.Fronts.Irc;

/// <summary>Why a line is not an IRC message.</summary>
public enum IrcParseError
{
    None,

    /// <summary>Nothing but spaces.</summary>
    Empty,

    /// <summary>NUL, CR or LF inside the line.</summary>
    InvalidCharacter,

    /// <summary>The tags section is over <see cref="IrcLimits.MaxClientTagsBytes"/>.</summary>
    TagsTooLong,

    /// <summary>Source, command and parameters are over <see cref="IrcLimits.MaxBodyContentBytes"/>: answer 417.</summary>
    BodyTooLong,

    /// <summary>An empty tag or a key that is not <c>[+][vendor/]name</c>.</summary>
    InvalidTag,

    /// <summary>A ':' not followed by a source.</summary>
    InvalidPrefix,

    /// <summary>Tags or a source, then nothing.</summary>
    MissingCommand,

    /// <summary>A command that is neither letters nor a three-digit numeric.</summary>
    InvalidCommand,

    /// <summary>More than <see cref="IrcLimits.MaxParameters"/> parameters.</summary>
    TooManyParameters,
}
