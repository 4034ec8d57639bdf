using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Unicode;
using Chat.Handlers.Fronts.Irc;

namespace Chat.Tests.Irc;

public class IrcMessageWriterTests
{
    [Fact]
    public void WritesTagsPrefixCommandParametersAndCrLf()
    {
        var message = new IrcMessage("PRIVMSG", "#general", "hello there")
        {
            Tags = [new("time", "2026-11-29T15:04:05.123Z"), new("+typing")],
            Prefix = "alice!a@host",
        };

        Assert.Equal("@time=2026-11-29T15:04:05.123Z;+typing :alice!a@host PRIVMSG #general :hello there\r\n", Write(message));
    }

    [Theory]
    [InlineData("hello", "PRIVMSG #a hello\r\n")]
    [InlineData("hello world", "PRIVMSG #a :hello world\r\n")]
    [InlineData("", "PRIVMSG #a :\r\n")]
    [InlineData(":-)", "PRIVMSG #a ::-)\r\n")]
    [InlineData("a:b", "PRIVMSG #a a:b\r\n")]
    public void LastParameterIsTrailingOnlyWhenItMustBe(string text, string line) =>
        Assert.Equal(line, Write(new IrcMessage("PRIVMSG", "#a", text)));

    [Fact]
    public void CommandAloneHasNoParameters() => Assert.Equal("QUIT\r\n", Write(new IrcMessage("quit")));

    [Theory]
    [InlineData("a;b", @"a\:b")]
    [InlineData("a b", @"a\sb")]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("a\rb", @"a\rb")]
    [InlineData("a\nb", @"a\nb")]
    [InlineData("a\0b", "ab")]
    [InlineData("; \\\r\n", @"\:\s\\\r\n")]
    [InlineData("日本=語", "日本=語")]
    public void TagValueIsEscaped(string value, string escaped) =>
        Assert.Equal($"@k={escaped} PING\r\n", Write(new IrcMessage("PING") { Tags = [new("k", value)] }));

    [Fact]
    public void TagWithEmptyValueIsWrittenAsItsKey() =>
        Assert.Equal("@a;b=1 PING\r\n", Write(new IrcMessage("PING") { Tags = [new("a", ""), new("b", "1")] }));

    [Theory]
    [InlineData("hi\r\nQUIT :bye", "PRIVMSG #a :hiQUIT :bye\r\n")]
    [InlineData("hi\nJOIN", "PRIVMSG #a :hiJOIN\r\n")]
    [InlineData("\r", "PRIVMSG #a :\r\n")]
    [InlineData("nul\0here", "PRIVMSG #a :nulhere\r\n")]
    public void LineBreaksAndNulNeverReachTheWire(string text, string line) =>
        Assert.Equal(line, Write(new IrcMessage("PRIVMSG", "#a", text)));

    [Fact]
    public void LongBodyIsCutAt512BytesWithItsCrLf()
    {
        var line = WriteBytes(new IrcMessage("PRIVMSG", "#a", new string('x', 600)) { Tags = [new("k", "v")], Prefix = "n!u@h" });

        var kept = IrcLimits.MaxBodyContentBytes - ":n!u@h PRIVMSG #a ".Length;
        Assert.Equal("@k=v :n!u@h PRIVMSG #a " + new string('x', kept) + "\r\n", Encoding.UTF8.GetString(line));
        Assert.Equal("@k=v ".Length + IrcLimits.MaxBodyBytes, line.Length);
    }

    [Theory]
    [InlineData("é")]
    [InlineData("日")]
    [InlineData("😀")]
    public void CutNeverSplitsACharacter(string character)
    {
        // Shift the text by 0-3 bytes so the limit falls at every position inside a character.
        for (var shift = 0; shift < 4; shift++)
        {
            var text = new string('x', shift) + string.Concat(Enumerable.Repeat(character, 300));
            var line = WriteBytes(new IrcMessage("PRIVMSG", "#a", text));
            var body = line.AsSpan(0, line.Length - 2);

            Assert.True(line.Length <= IrcLimits.MaxBodyBytes && line.Length > IrcLimits.MaxBodyBytes - 4);
            Assert.True(line.AsSpan().EndsWith("\r\n"u8));
            Assert.True(Utf8.IsValid(body));
            Assert.StartsWith(Encoding.UTF8.GetString(body)["PRIVMSG #a ".Length..], text);
        }
    }

    [Fact]
    public void TagThatWouldPassTheTagLimitIsLeftOutWhole()
    {
        var big = new string('v', IrcLimits.MaxTagDataBytes - 10);
        var message = new IrcMessage("PING") { Tags = [new("a", big), new("b", "0123456789"), new("c", "1")] };

        var line = Write(message);

        Assert.Equal($"@a={big};c=1 PING\r\n", line);
        Assert.True(line.IndexOf(' ') - 1 <= IrcLimits.MaxTagDataBytes);
    }

    [Fact]
    public void TagsAllTooLongLeaveNoTagsSection()
    {
        var message = new IrcMessage("PING") { Tags = [new("a", new string('v', IrcLimits.MaxTagDataBytes))] };
        Assert.Equal("PING\r\n", Write(message));
    }

    [Fact]
    public void EscapedTagDataCountsAgainstTheTagLimit()
    {
        // Each space is two bytes once escaped: "kk=" and these spaces fill the tag data to the byte.
        var spaces = new string(' ', (IrcLimits.MaxTagDataBytes - "kk=".Length) / 2);
        Assert.Equal(IrcLimits.MaxTagDataBytes + 2 + "PING\r\n".Length, WriteBytes(new IrcMessage("PING") { Tags = [new("kk", spaces)] }).Length);
        Assert.Equal("PING\r\n", Write(new IrcMessage("PING") { Tags = [new("kk", spaces + " ")] }));
    }

    [Fact]
    public void LoneSurrogateIsReplacedNotWrittenAsInvalidUtf8()
    {
        var line = WriteBytes(new IrcMessage("PRIVMSG", "#a", "bad \ud800 surrogate") { Tags = [new("k", "\udc00")] });
        Assert.True(Utf8.IsValid(line));
        Assert.Equal("@k=\ufffd PRIVMSG #a :bad \ufffd surrogate\r\n", Encoding.UTF8.GetString(line));
    }

    [Fact]
    public async Task WritesIntoAPipeWriterThroughTheMessageWriterInterface()
    {
        var pipe = new Pipe();
        var message = new IrcMessage("NOTICE", "bob", "hi") { Tags = [new("k", new string('v', 5000))] };

        IrcMessageWriter.Instance.WriteMessage(message, pipe.Writer);
        IrcMessageWriter.Instance.WriteMessage(message, pipe.Writer);
        await pipe.Writer.CompleteAsync();

        var read = await pipe.Reader.ReadAsync(TestContext.Current.CancellationToken);
        var once = IrcMessageWriter.Encode(message);
        Assert.Equal([.. once, .. once], read.Buffer.ToArray());
    }

    [Fact]
    public void ToStringIsTheLineWithoutCrLf() =>
        Assert.Equal(":s 001 alice :Welcome home", new IrcMessage("001", "alice", "Welcome home") { Prefix = "s" }.ToString());

    [Theory]
    [InlineData("")]
    [InlineData("PRIV MSG")]
    [InlineData("PRIV-MSG")]
    [InlineData("12")]
    [InlineData("1a2")]
    public void InvalidCommandIsRefused(string command) =>
        Assert.Throws<ArgumentException>(() => new IrcMessage(command));

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData(":colon")]
    [InlineData("line\nbreak")]
    [InlineData("nul\0")]
    public void MiddleParameterThatWouldChangeTheLineIsRefused(string middle) =>
        Assert.Throws<ArgumentException>(() => new IrcMessage("PRIVMSG", middle, "text"));

    [Fact]
    public void SixteenParametersAreRefused() =>
        Assert.Throws<ArgumentException>(() => new IrcMessage("CMD", [.. Enumerable.Range(1, 16).Select(i => $"{i}")]));

    [Theory]
    [InlineData("")]
    [InlineData("n u@h")]
    [InlineData("n\r")]
    public void InvalidPrefixIsRefused(string prefix) =>
        Assert.Throws<ArgumentException>(() => new IrcMessage("PING") { Prefix = prefix });

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a;b")]
    [InlineData("a=b")]
    [InlineData("+")]
    [InlineData("v/")]
    public void InvalidTagKeyIsRefused(string key) => Assert.Throws<ArgumentException>(() => new IrcTag(key, "v"));

    [Fact]
    public void RepeatedTagKeyIsRefused() =>
        Assert.Throws<ArgumentException>(() => new IrcMessage("PING") { Tags = [new("a", "1"), new("a", "2")] });

    [Fact]
    public void DefaultTagIsRefused() =>
        Assert.Throws<ArgumentException>(() => new IrcMessage("PING") { Tags = [default] });

    private static string Write(IrcMessage message) => Encoding.UTF8.GetString(WriteBytes(message));

    private static byte[] WriteBytes(IrcMessage message)
    {
        // A writer that starts small, so the span the message writer asks for is what it gets.
        var output = new ArrayBufferWriter<byte>(1);
        IrcMessageWriter.Write(message, output);
        var line = output.WrittenSpan.ToArray();
        Assert.Equal(line, IrcMessageWriter.Encode(message));
        return line;
    }
}
