using Chat.Handlers.Fronts.Irc;

namespace Chat.Tests.Irc;

public class IrcSupportTests
{
    private static readonly IrcSupportOptions Options = new()
    {
        Network = "ChatApp",
        NickLength = 24,
        ChannelLength = 33,
        TopicLength = 300,
        ChannelModes = ",,,nt",
        ChatHistory = 100,
    };

    [Fact]
    public void TokensDescribeTheServer() =>
        Assert.Equal(
            [
                "NETWORK=ChatApp", "CASEMAPPING=ascii", "CHANTYPES=#", "NICKLEN=24", "CHANNELLEN=33", "TOPICLEN=300",
                "PREFIX=(ov)@+", "CHANMODES=,,,nt", "MAXTARGETS=4", "MODES=4", "AWAYLEN=200", "KICKLEN=255",
                "CHATHISTORY=100", "UTF8ONLY",
            ],
            IrcSupport.Tokens(Options));

    [Fact]
    public void HistoryAndUtf8OnlyAreLeftOutWhenOff()
    {
        var tokens = IrcSupport.Tokens(Options with { ChatHistory = 0, Utf8Only = false });
        Assert.DoesNotContain(tokens, t => t.StartsWith("CHATHISTORY") || t == "UTF8ONLY");
        Assert.Equal(12, tokens.Count);
    }

    [Theory]
    [InlineData("My Network", @"NETWORK=My\x20Network")]
    [InlineData(@"a\b=c", @"NETWORK=a\x5Cb\x3Dc")]
    [InlineData("Réseau", @"NETWORK=R\xC3\xA9seau")]
    public void ValuesAreEscaped(string network, string token) =>
        Assert.Equal(token, IrcSupport.Tokens(Options with { Network = network })[0]);

    [Fact]
    public void RepliesCarryAtMostThirteenTokensBetweenTheNickAndTheText()
    {
        var tokens = IrcSupport.Tokens(Options);
        var replies = IrcSupport.Replies("irc.example", "alice", tokens);

        Assert.Equal(2, replies.Count);
        Assert.Equal(
            ":irc.example 005 alice NETWORK=ChatApp CASEMAPPING=ascii CHANTYPES=# NICKLEN=24 CHANNELLEN=33 TOPICLEN=300 " +
            "PREFIX=(ov)@+ CHANMODES=,,,nt MAXTARGETS=4 MODES=4 AWAYLEN=200 KICKLEN=255 CHATHISTORY=100 :are supported by this server",
            replies[0].ToString());
        Assert.Equal(":irc.example 005 alice UTF8ONLY :are supported by this server", replies[1].ToString());
        Assert.All(replies, r => Assert.True(IrcMessageWriter.Encode(r).Length <= IrcLimits.MaxBodyBytes));
    }
}
