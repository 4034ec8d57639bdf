using Chat.Handlers;

namespace Chat.Tests.Irc;

public class IrcFormattingTests
{
    [Theory]
    [InlineData("\u0002bold\u0002 plain", "bold plain")]
    [InlineData("\u001ditalic\u001d \u001funder\u001f \u001estrike\u001e \u0011mono\u0011 \u0016rev\u0016 \u000freset", "italic under strike mono rev reset")]
    [InlineData("\u00034red", "red")]
    [InlineData("\u000304red", "red")]
    [InlineData("\u0003041", "1")]
    [InlineData("\u00034,12on blue", "on blue")]
    [InlineData("\u000304,12on blue", "on blue")]
    [InlineData("\u000304,123", "3")]
    [InlineData("\u00034,text", ",text")]
    [InlineData("\u0003,12text", ",12text")]
    [InlineData("\u0003plain", "plain")]
    [InlineData("end\u0003", "end")]
    [InlineData("end\u00034,", "end,")]
    [InlineData("\u0004FF0000red", "red")]
    [InlineData("\u0004ff0000,00FF00on green", "on green")]
    [InlineData("\u0004FF0000,00FF0text", ",00FF0text")]
    [InlineData("\u0004FF00 short", "FF00 short")]
    [InlineData("\u0004", "")]
    [InlineData("a\u0002\u0003\u000f\u0016b", "ab")]
    public void FormattingCodesAreStripped(string text, string plain) => Assert.Equal(plain, IrcFormatting.Strip(text));

    [Fact]
    public void TextWithoutFormattingIsReturnedWithoutCopying()
    {
        var text = "plain, 04 colours and \u0001ACTION\u0001 stay";
        Assert.Same(text, IrcFormatting.Strip(text));
    }
}
