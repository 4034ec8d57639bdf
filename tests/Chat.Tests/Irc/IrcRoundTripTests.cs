using System.Text;
using Chat.Handlers.Fronts.Irc;

namespace Chat.Tests.Irc;

public class IrcRoundTripTests
{
    public static TheoryData<IrcMessage> Messages =>
    [
        new IrcMessage("PING"),
        new IrcMessage("PRIVMSG", "#general", "hello"),
        new IrcMessage("PRIVMSG", "#general", "hello world") { Prefix = "alice!a@127.0.0.1" },
        new IrcMessage("PRIVMSG", "#a", ""),
        new IrcMessage("PRIVMSG", "#a", ":starts with a colon"),
        new IrcMessage("PRIVMSG", "#a", "  leading and trailing spaces  "),
        new IrcMessage("PRIVMSG", "#a", "\u0001ACTION waves\u0001"),
        new IrcMessage("PRIVMSG", "#a", "\u0002bold\u0002 \u000304,12colour\u000f"),
        new IrcMessage("PRIVMSG", "bob", "日本語 😀 é") { Prefix = "ünïcode" },
        new IrcMessage("353", "alice", "=", "#general", "@alice +bob carol") { Prefix = "irc.example" },
        new IrcMessage("005", [.. Enumerable.Range(1, 14).Select(i => $"T{i}=v"), "are supported by this server"]) { Prefix = "s" },
        new IrcMessage("CAP", "*", "LS", "multi-prefix server-time message-tags"),
        new IrcMessage("PRIVMSG", "#a", "tags") { Tags = [new("a", "; \\\r\n"), new("+b"), new("example.com/c", "日本 語"), new("d", @"\s\:")] },
        new IrcMessage("TAGMSG", "#a") { Tags = [new("+typing", "active"), new("label", "x=y")], Prefix = "n!u@h" },
        new IrcMessage("PRIVMSG", "#a", new string('x', IrcLimits.MaxBodyContentBytes - "PRIVMSG #a ".Length)),
        new IrcMessage("PING") { Tags = [new("k", new string('v', IrcLimits.MaxClientTagDataBytes - 2))] },
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void ParsingTheWrittenLineGivesTheMessageBack(IrcMessage message)
    {
        var line = IrcMessageWriter.Encode(message);
        Assert.True(line.AsSpan().EndsWith("\r\n"u8));

        Assert.True(IrcMessage.TryParse(line.AsSpan(0, line.Length - 2), out var parsed, out var error), error.ToString());
        Assert.Equal(message, parsed);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void RoundTripHoldsWhenTheLineArrivesOneByteAtATime(IrcMessage message)
    {
        var line = IrcMessageWriter.Encode(message);
        Assert.True(IrcMessage.TryParse(ByteSegments.OneBytePerSegment(line.AsSpan(0, line.Length - 2)), out var parsed, out _));
        Assert.Equal(message, parsed);
    }

    [Theory]
    [InlineData("@a=b\\sc;+d :n!u@h PRIVMSG #a :hi there")]
    [InlineData(":irc.example 433 * alice :Nickname is already in use")]
    [InlineData("JOIN #a,#b key")]
    [InlineData("PRIVMSG #a ::)")]
    public void CanonicalLineIsWrittenBackByteForByte(string line)
    {
        Assert.True(IrcMessage.TryParse(Encoding.UTF8.GetBytes(line), out var message, out _));
        Assert.Equal(line + "\r\n", Encoding.UTF8.GetString(IrcMessageWriter.Encode(message)));
    }

    [Fact]
    public void MessagesDifferingInAnyPartAreNotEqual()
    {
        var message = new IrcMessage("PRIVMSG", "#a", "hi") { Prefix = "n", Tags = [new("k", "v")] };

        Assert.Equal(message, new IrcMessage("privmsg", "#a", "hi") { Prefix = "n", Tags = [new("k", "v")] });
        Assert.Equal(message.GetHashCode(), new IrcMessage("PRIVMSG", "#a", "hi") { Prefix = "n", Tags = [new("k", "v")] }.GetHashCode());
        Assert.NotEqual(message, new IrcMessage("NOTICE", "#a", "hi") { Prefix = "n", Tags = [new("k", "v")] });
        Assert.NotEqual(message, new IrcMessage("PRIVMSG", "#a", "ho") { Prefix = "n", Tags = [new("k", "v")] });
        Assert.NotEqual(message, new IrcMessage("PRIVMSG", "#a", "hi") { Prefix = "m", Tags = [new("k", "v")] });
        Assert.NotEqual(message, new IrcMessage("PRIVMSG", "#a", "hi") { Tags = [new("k", "v")] });
        Assert.NotEqual(message, new IrcMessage("PRIVMSG", "#a", "hi") { Prefix = "n", Tags = [new("k", "w")] });
        Assert.NotEqual(message, new IrcMessage("PRIVMSG", "#a", "hi") { Prefix = "n" });
        Assert.NotEqual(message, new IrcMessage("PRIVMSG", "#a") { Prefix = "n", Tags = [new("k", "v")] });
    }
}
