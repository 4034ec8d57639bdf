using System.Text;
using Chat.Handlers.Fronts.Irc;

namespace Chat.Tests.Irc;

public class IrcTextTests
{
    [Fact]
    public void TextThatFitsIsOnePieceWithoutCopying()
    {
        var text = "short enough";
        Assert.Same(text, Assert.Single(IrcText.Split(text, 12)));
    }

    [Fact]
    public void LongTextIsCutAfterTheLastSpaceThatFitsAndTheSpaceIsDropped() =>
        Assert.Equal(["aaaa bbbb", "cccc dddd", "e"], IrcText.Split("aaaa bbbb cccc dddd e", 10));

    [Fact]
    public void AWordLongerThanAPieceIsCutBetweenCharacters() =>
        Assert.Equal(["abcdefghij", "klmno pq"], IrcText.Split("abcdefghijklmno pq", 10));

    [Fact]
    public void MultiByteCharactersAndSurrogatePairsAreNeverCut()
    {
        var text = string.Concat(Enumerable.Repeat("é😀日", 50));

        var pieces = IrcText.Split(text, 11).ToList();

        Assert.All(pieces, piece => Assert.InRange(Encoding.UTF8.GetByteCount(piece), 1, 11));
        Assert.All(pieces, piece => Assert.False(char.IsHighSurrogate(piece[^1])));
        Assert.Equal(text, string.Concat(pieces));
    }
}
