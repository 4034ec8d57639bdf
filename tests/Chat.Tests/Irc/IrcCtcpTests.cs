using Chat.Handlers.Fronts.Irc;

namespace Chat.Tests.Irc;

public class IrcCtcpTests
{
    [Theory]
    [InlineData("\u0001ACTION waves\u0001", "ACTION", "waves")]
    [InlineData("\u0001ACTION waves", "ACTION", "waves")]
    [InlineData("\u0001action  two spaces\u0001", "ACTION", " two spaces")]
    [InlineData("\u0001VERSION\u0001", "VERSION", "")]
    [InlineData("\u0001PING 1732892645\u0001", "PING", "1732892645")]
    [InlineData("\u0001ACTION\u0001", "ACTION", "")]
    public void CtcpIsSplitIntoCommandAndParameters(string text, string command, string parameters)
    {
        Assert.True(IrcCtcp.TryParse(text, out var actualCommand, out var actualParameters));
        Assert.Equal(command, actualCommand);
        Assert.Equal(parameters, actualParameters);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("\u0001")]
    [InlineData("\u0001\u0001")]
    [InlineData("\u0001 space first\u0001")]
    [InlineData("text \u0001ACTION x\u0001")]
    public void OrdinaryTextIsNotCtcp(string text) => Assert.False(IrcCtcp.TryParse(text, out _, out _));

    [Fact]
    public void ActionIsDetectedAndBuilt()
    {
        Assert.Equal("\u0001ACTION waves hello\u0001", IrcCtcp.Create(IrcCtcp.Action, "waves hello"));
        Assert.True(IrcCtcp.TryGetAction(IrcCtcp.Create(IrcCtcp.Action, "waves hello"), out var action));
        Assert.Equal("waves hello", action);

        Assert.False(IrcCtcp.TryGetAction("\u0001VERSION\u0001", out action));
        Assert.Equal("", action);
        Assert.False(IrcCtcp.TryGetAction("waves", out _));
    }

    [Fact]
    public void VersionAndPingRepliesEchoTheirCommand()
    {
        Assert.Equal("\u0001VERSION\u0001", IrcCtcp.Create(IrcCtcp.Version));
        Assert.Equal("\u0001VERSION ChatApp 1.0\u0001", IrcCtcp.Create(IrcCtcp.Version, "ChatApp 1.0"));
        Assert.Equal("\u0001PING 123\u0001", IrcCtcp.Create(IrcCtcp.Ping, "123"));
    }
}
