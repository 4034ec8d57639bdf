using System.Text;
using Chat.Handlers.Fronts.Irc;

namespace Chat.Tests.Irc;

public class IrcMessageParseTests
{
    [Fact]
    public void ParsesTagsPrefixCommandMiddleAndTrailingParameters()
    {
        var message = Parse("@time=2026-11-29T15:04:05.123Z;+typing=active;example.com/x :alice!a@host PRIVMSG #general :hello there");

        Assert.Equal(
            [new("time", "2026-11-29T15:04:05.123Z"), new("+typing", "active"), new("example.com/x", "")],
            message.Tags);
        Assert.Equal("alice!a@host", message.Prefix);
        Assert.Equal("PRIVMSG", message.Command);
        Assert.Equal(["#general", "hello there"], message.Parameters);
        Assert.True(message.Tags[1].IsClientOnly);
        Assert.False(message.Tags[0].IsClientOnly);
    }

    [Fact]
    public void LineWithoutTagsOrPrefixHasNeither()
    {
        var message = Parse("PING token");

        Assert.Empty(message.Tags);
        Assert.Null(message.Prefix);
        Assert.Equal(["token"], message.Parameters);
    }

    [Theory]
    [InlineData("privmsg #a b", "PRIVMSG")]
    [InlineData("Nick alice", "NICK")]
    [InlineData(":irc.example 001 alice :Welcome", "001")]
    public void CommandComesOutUpperCase(string line, string command) => Assert.Equal(command, Parse(line).Command);

    [Theory]
    [InlineData("PRIVMSG #a :", new[] { "#a", "" })]
    [InlineData("PRIVMSG #a ::-)", new[] { "#a", ":-)" })]
    [InlineData("PRIVMSG #a :  spaced  out  ", new[] { "#a", "  spaced  out  " })]
    [InlineData("PRIVMSG #a :a:b c", new[] { "#a", "a:b c" })]
    [InlineData("USER u 0 * :Real Name", new[] { "u", "0", "*", "Real Name" })]
    [InlineData("MODE #a +o:x", new[] { "#a", "+o:x" })]
    [InlineData("QUIT", new string[0])]
    [InlineData("QUIT :", new[] { "" })]
    public void TrailingParameterKeepsEverythingAfterSpaceColon(string line, string[] parameters) =>
        Assert.Equal(parameters, Parse(line).Parameters);

    [Theory]
    [InlineData("  PRIVMSG   #a    b  ")]
    [InlineData("@k=v   :n!u@h   PRIVMSG #a   b")]
    public void RepeatedSpacesSeparateWordsLikeOne(string line)
    {
        var message = Parse(line);
        Assert.Equal("PRIVMSG", message.Command);
        Assert.Equal(["#a", "b"], message.Parameters);
    }

    [Fact]
    public void FifteenParametersAreTheMost()
    {
        var fifteen = "CMD " + string.Join(' ', Enumerable.Range(1, 14)) + " :last one";
        Assert.Equal(15, Parse(fifteen).Parameters.Count);
        Assert.Equal("last one", Parse(fifteen).Parameters[14]);

        AssertError("CMD " + string.Join(' ', Enumerable.Range(1, 16)), IrcParseError.TooManyParameters);
        AssertError("CMD " + string.Join(' ', Enumerable.Range(1, 15)) + " :sixteenth", IrcParseError.TooManyParameters);
    }

    [Theory]
    [InlineData("", IrcParseError.Empty)]
    [InlineData("    ", IrcParseError.Empty)]
    [InlineData("PING a\0b", IrcParseError.InvalidCharacter)]
    [InlineData("PING a\rb", IrcParseError.InvalidCharacter)]
    [InlineData("PING a\nb", IrcParseError.InvalidCharacter)]
    [InlineData("@", IrcParseError.MissingCommand)]
    [InlineData("@a=b", IrcParseError.MissingCommand)]
    [InlineData("@a=b    ", IrcParseError.MissingCommand)]
    [InlineData("@ PING", IrcParseError.InvalidTag)]
    [InlineData("@a=b; PING", IrcParseError.InvalidTag)]
    [InlineData("@;a=b PING", IrcParseError.InvalidTag)]
    [InlineData("@a;;b PING", IrcParseError.InvalidTag)]
    [InlineData("@=v PING", IrcParseError.InvalidTag)]
    [InlineData("@a_b=v PING", IrcParseError.InvalidTag)]
    [InlineData("@+ PING", IrcParseError.InvalidTag)]
    [InlineData("@/k PING", IrcParseError.InvalidTag)]
    [InlineData("@vendor/ PING", IrcParseError.InvalidTag)]
    [InlineData("@ven_dor/k PING", IrcParseError.InvalidTag)]
    [InlineData("@clé=v PING", IrcParseError.InvalidTag)]
    [InlineData(":", IrcParseError.InvalidPrefix)]
    [InlineData(": PING", IrcParseError.InvalidPrefix)]
    [InlineData(":nick", IrcParseError.MissingCommand)]
    [InlineData(":nick   ", IrcParseError.MissingCommand)]
    [InlineData("@a=b :nick", IrcParseError.MissingCommand)]
    [InlineData("PRIV-MSG #a b", IrcParseError.InvalidCommand)]
    [InlineData("PRIVMSG2 #a b", IrcParseError.InvalidCommand)]
    [InlineData("12 x", IrcParseError.InvalidCommand)]
    [InlineData("1234 x", IrcParseError.InvalidCommand)]
    [InlineData("12A x", IrcParseError.InvalidCommand)]
    [InlineData("PRÏVMSG #a b", IrcParseError.InvalidCommand)]
    [InlineData(":x :y", IrcParseError.InvalidCommand)]
    public void MalformedLineIsRejectedWithItsReason(string line, IrcParseError error) => AssertError(line, error);

    [Theory]
    [InlineData(@"a\:b", "a;b")]
    [InlineData(@"a\sb", "a b")]
    [InlineData(@"a\\b", @"a\b")]
    [InlineData(@"a\rb", "a\rb")]
    [InlineData(@"a\nb", "a\nb")]
    [InlineData(@"\:\s\\\r\n", "; \\\r\n")]
    [InlineData(@"a\bc", "abc")]
    [InlineData(@"a\", "a")]
    [InlineData(@"\", "")]
    [InlineData(@"\\\", @"\")]
    [InlineData(@"\\s", @"\s")]
    [InlineData("", "")]
    [InlineData("日本\\s語", "日本 語")]
    [InlineData("a=b", "a=b")]
    public void TagValueIsUnescaped(string escaped, string value)
    {
        Assert.True(Parse($"@k={escaped} PING").TryGetTag("k", out var actual));
        Assert.Equal(value, actual);
    }

    [Fact]
    public void TagWithoutValueAndTagWithEmptyValueAreTheSame()
    {
        var message = Parse("@a;b= PING");
        Assert.Equal([new("a", ""), new("b", "")], message.Tags);
        Assert.False(message.TryGetTag("c", out _));
    }

    [Fact]
    public void RepeatedTagKeepsItsLastValue()
    {
        var message = Parse("@a=1;b=2;a=3;A=4 PING");

        Assert.True(message.TryGetTag("a", out var a));
        Assert.Equal("3", a);
        Assert.Equal(["b", "a", "A"], message.Tags.Select(t => t.Key));
    }

    [Fact]
    public void TagsAndBodyHaveTheirOwnLimits()
    {
        var body = "PRIVMSG #a :" + new string('x', IrcLimits.MaxBodyContentBytes - 12);
        var tagData = "k=" + new string('v', IrcLimits.MaxClientTagDataBytes - 2);

        var message = Parse($"@{tagData}   {body}");
        Assert.Equal(IrcLimits.MaxBodyContentBytes - 12, message.Parameters[1].Length);

        AssertError($"@{tagData}v {body}", IrcParseError.TagsTooLong);
        AssertError($"@{tagData}v", IrcParseError.TagsTooLong);
        AssertError($"@{tagData} {body}x", IrcParseError.BodyTooLong);
        AssertError(body + "x", IrcParseError.BodyTooLong);
    }

    [Fact]
    public void BodyLimitCountsBytesNotCharacters()
    {
        var prefix = "PRIVMSG #a :";
        var fits = prefix + new string('é', (IrcLimits.MaxBodyContentBytes - prefix.Length) / 2);
        Assert.Equal(IrcLimits.MaxBodyContentBytes, Encoding.UTF8.GetByteCount(fits));
        Assert.Equal(fits, "PRIVMSG #a :" + Parse(fits).Parameters[1]);
        AssertError(fits + "é", IrcParseError.BodyTooLong);
    }

    [Fact]
    public void LegacyBytesAreDecodedAsWindows1252PerField()
    {
        // "café" in Latin-1, "€" as Windows-1252 0x80, and a valid UTF-8 "née" in the same line.
        byte[] line = [.. "PRIVMSG #a caf"u8, 0xE9, (byte)' ', 0x80, .. " :"u8, .. Encoding.UTF8.GetBytes("née")];

        Assert.True(IrcMessage.TryParse(line, out var message, out _));
        Assert.Equal(["#a", "café", "€", "née"], message.Parameters);
    }

    [Fact]
    public void LegacyBytesInATagValueAreDecodedToo()
    {
        byte[] line = [.. "@k=caf"u8, 0xE9, .. @"\sok PING"u8];
        Assert.True(IrcMessage.TryParse(line, out var message, out _));
        Assert.Equal(new IrcTag("k", "café ok"), message.Tags[0]);
    }

    public static TheoryData<string> Lines =>
    [
        "@a=b\\sc;+d/e=\\:;f :n!u@h PRIVMSG #a :hello world",
        "  NICK   alice ",
        ":server 353 alice = #general :@alice +bob carol",
        "CMD " + string.Join(' ', Enumerable.Range(1, 16)),
        "PRIVMSG #a :" + new string('é', 300),
        "@" + new string('k', IrcLimits.MaxClientTaggedLineBytes + 50) + " PING",
        "@k=v PRIV-MSG",
        "",
    ];

    [Theory]
    [MemberData(nameof(Lines))]
    public void SequenceSplitIntoSingleBytesParsesLikeOneSpan(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var fromSpan = IrcMessage.TryParse(bytes, out var expected, out var expectedError);
        var fromSequence = IrcMessage.TryParse(ByteSegments.OneBytePerSegment(bytes), out var actual, out var actualError);

        Assert.Equal(fromSpan, fromSequence);
        Assert.Equal(expectedError, actualError);
        Assert.Equal(expected, actual);
    }

    private static IrcMessage Parse(string line)
    {
        Assert.True(IrcMessage.TryParse(Encoding.UTF8.GetBytes(line), out var message, out var error), $"{error}: {line}");
        Assert.Equal(IrcParseError.None, error);
        return message;
    }

    private static void AssertError(string line, IrcParseError expected)
    {
        Assert.False(IrcMessage.TryParse(Encoding.UTF8.GetBytes(line), out var message, out var error));
        Assert.Equal(expected, error);
        Assert.Null(message);
    }
}
