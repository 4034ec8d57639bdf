using Chat.Handlers.Fronts.Irc;

namespace Chat.Tests.Irc;

public class IrcCaseMappingTests
{
    [Theory]
    [InlineData("Alice", "alice")]
    [InlineData("ALICE_-09", "alice_-09")]
    [InlineData("[Bot]\\^", "[bot]\\^")]
    [InlineData("ÉCOLE", "École")]
    public void AsciiCasemappingFoldsOnlyAsciiLetters(string value, string folded) =>
        Assert.Equal(folded, IrcCaseMapping.Fold(value));

    [Fact]
    public void FoldingLowerCaseTextReturnsItWithoutCopying()
    {
        var value = "already-lower[]{}";
        Assert.Same(value, IrcCaseMapping.Fold(value));
    }

    [Theory]
    [InlineData("Alice", "aLICE", true)]
    [InlineData("#General", "#general", true)]
    [InlineData("[bot]", "{bot}", false)]
    [InlineData("a\\", "a|", false)]
    [InlineData("é", "É", false)]
    [InlineData("alice", "alice2", false)]
    public void AsciiComparerMatchesNamesAsOrdinalIgnoreCaseDoesOnAscii(string x, string y, bool equal)
    {
        Assert.Equal(equal, IrcCaseMapping.Comparer.Equals(x, y));
        if (equal)
        {
            Assert.Equal(IrcCaseMapping.Comparer.GetHashCode(x), IrcCaseMapping.Comparer.GetHashCode(y));
        }
    }

    [Fact]
    public void AsciiComparerWorksAsADictionaryKey()
    {
        var nicks = new Dictionary<string, int>(IrcCaseMapping.Comparer) { ["Alice"] = 1 };
        Assert.True(nicks.ContainsKey("ALICE"));
        Assert.False(nicks.ContainsKey("Alicé"));
        Assert.True(IrcCaseMapping.Comparer.Equals(null, null));
        Assert.False(IrcCaseMapping.Comparer.Equals("a", null));
    }
}
