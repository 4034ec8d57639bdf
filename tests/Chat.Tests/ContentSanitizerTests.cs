using Chat.Handlers;

namespace Chat.Tests;

public class ContentSanitizerTests
{
    [Theory]
    [InlineData("\u001b[31mred\u001b[0m", "red")]
    [InlineData("a\u001b[1;2;3Hb", "ab")]
    [InlineData("\u001b[?25l hidden cursor", " hidden cursor")]
    [InlineData("x\u001b]0;window title\u0007y", "xy")]
    [InlineData("x\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\y", "xlinky")]
    [InlineData("x\u001bPq#0;2;0;0;0\u001b\\y", "xy")]
    [InlineData("x\u001b]0;never terminated", "x")]
    [InlineData("reset\u001bc!", "reset!")]
    [InlineData("charset\u001b(B!", "charset!")]
    [InlineData("trailing escape\u001b", "trailing escape")]
    [InlineData("nul\u0000 bell\u0007 bs\u0008 cr\r lf\n del\u007f", "nul bell bs cr lf del")]
    [InlineData("c1 csi\u009b31m", "c1 csi31m")]
    [InlineData("\u202eevil\u202c \u2066iso\u2069 \u202aemb\u202c", "evil iso emb")]
    [InlineData("line\u2028para\u2029", "linepara")]
    public void RemovesControlsEscapeSequencesAndBidiOverrides(string input, string expected) =>
        Assert.Equal(expected, ContentSanitizer.Sanitize(input));

    [Theory]
    [InlineData("plain text")]
    [InlineData("tab\tstays")]
    [InlineData("héllo wörld ✓ 日本語 עברית \u200f mark")]
    [InlineData("emoji 😀 and [brackets] ]not osc")]
    public void LeavesSafeTextUntouchedWithoutCopying(string input) => Assert.Same(input, ContentSanitizer.Sanitize(input));

    [Theory]
    [InlineData("\u0002bold\u0002 \u000304,12red\u0003 \u001d\u001f\u001e\u0011\u0016\u000f\u0004FF0000")]
    public void ChatTextKeepsIrcFormattingCodes(string input) => Assert.Same(input, ContentSanitizer.SanitizeChat(input));

    [Theory]
    [InlineData("\u0001ACTION waves\u0001 \u0002bold\u001b[31m\u0007", "ACTION waves \u0002bold")]
    [InlineData("\u000e\u0002x\u0000\u007f", "\u0002x")]
    public void ChatTextLosesEveryOtherControl(string input, string expected) => Assert.Equal(expected, ContentSanitizer.SanitizeChat(input));

    [Fact]
    public void OtherTextLosesFormattingCodesToo() => Assert.Equal("bold", ContentSanitizer.Sanitize("\u0002bold\u0002"));
}
