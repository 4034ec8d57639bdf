using System.IO.Pipelines;
using System.Text;
using Chat.Handlers.Fronts.Irc;
using Chat.Handlers.Protocol;

namespace Chat.Tests.Irc;

/// <summary>IRC lines framed by the shared line reader under the IRC limits, then parsed.</summary>
public class IrcFramingTests
{
    private readonly Pipe _pipe = new();
    private readonly ProtocolReader _reader;

    public IrcFramingTests() => _reader = new ProtocolReader(_pipe.Reader);

    [Fact]
    public async Task LinesArrivingOneByteAtATimeAreFramedAndParsed()
    {
        var pending = ReadAsync(4, IrcLimits.MaxClientTaggedLineBytes);
        await WriteOneByteAtATimeAsync("@label=1 :x PRIVMSG #a :hé there\r\nPING a\nNICK\r\n\r\n");
        await _pipe.Writer.CompleteAsync();

        Assert.Equal(
            [
                new IrcMessage("PRIVMSG", "#a", "hé there") { Prefix = "x", Tags = [new("label", "1")] },
                new IrcMessage("PING", "a"),
                new IrcMessage("NICK"),
                IrcParseError.Empty,
            ],
            await pending);
    }

    [Fact]
    public async Task LineOf512BytesFitsAndOneMoreIsTooLongThenTheNextLineIsRead()
    {
        var longest = "PRIVMSG #a :" + new string('x', IrcLimits.MaxBodyContentBytes - 12);
        var pending = ReadAsync(3, IrcLimits.MaxClientLineBytes);
        await WriteOneByteAtATimeAsync($"{longest}\r\n{longest}x\r\nPING after\r\n");

        var results = await pending;
        Assert.Equal(new IrcMessage("PRIVMSG", "#a", longest[12..]), results[0]);
        Assert.Equal("too large", results[1]);
        Assert.Equal(new IrcMessage("PING", "after"), results[2]);
    }

    [Fact]
    public async Task TaggedLineNeedsTheTaggedLimit()
    {
        var tagged = $"@k={new string('v', 3000)} PING x\r\n";
        await WriteOneByteAtATimeAsync(tagged + tagged);

        Assert.Equal(["too large"], await ReadAsync(1, IrcLimits.MaxClientLineBytes));
        Assert.IsType<IrcMessage>((await ReadAsync(1, IrcLimits.MaxClientTaggedLineBytes))[0]);
    }

    /// <summary>Each result: the parsed message, the parse error, or "too large".</summary>
    private async Task<List<object>> ReadAsync(int count, int maxLineBytes)
    {
        var results = new List<object>();
        while (results.Count < count)
        {
            var read = await _reader.ReadAsync(LineReader.Instance, maxLineBytes, TestContext.Current.CancellationToken);
            if (read.IsTooLarge)
            {
                results.Add("too large");
                continue;
            }

            Assert.True(read.HasMessage, "The input ended early.");
            results.Add(IrcMessage.TryParse(read.Message, out var message, out var error) ? message : error);
            _reader.Advance();
        }

        return results;
    }

    private async Task WriteOneByteAtATimeAsync(string text)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            await _pipe.Writer.WriteAsync(new[] { b }, TestContext.Current.CancellationToken);
        }
    }
}
