using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Chat.Handlers.Protocol;

namespace Chat.Tests;

public class ProtocolReaderTests
{
    private readonly Pipe _pipe = new();
    private readonly ProtocolReader _reader;

    public ProtocolReaderTests() => _reader = new ProtocolReader(_pipe.Reader);

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task LinesWrittenOneByteAtATimeAreFramed(string ending)
    {
        var pending = ReadLinesAsync(3, maxLineBytes: 100);
        foreach (var b in Encoding.UTF8.GetBytes($"héllo{ending}{ending}world{ending}"))
        {
            await _pipe.Writer.WriteAsync(new[] { b }, TestContext.Current.CancellationToken);
        }

        Assert.Equal(["héllo", "", "world"], await pending);
    }

    [Fact]
    public async Task ManyLinesInOneWriteAreFramed()
    {
        await WriteAsync("a\nbb\r\nccc\n");
        Assert.Equal(["a", "bb", "ccc"], await ReadLinesAsync(3, maxLineBytes: 100));
    }

    [Fact]
    public async Task OversizedLineIsReportedOnceThenSkippedToTheNextLine()
    {
        await WriteAsync(new string('x', 50));
        await WriteAsync(new string('y', 50) + "\nnext\n");

        var tooLarge = await _reader.ReadAsync(LineReader.Instance, 20, TestContext.Current.CancellationToken);
        Assert.True(tooLarge.IsTooLarge);
        Assert.Equal(["next"], await ReadLinesAsync(1, maxLineBytes: 20));
    }

    [Fact]
    public async Task LineOfExactlyTheLimitIsAccepted()
    {
        await WriteAsync("12345678\r\n");
        Assert.Equal(["12345678"], await ReadLinesAsync(1, maxLineBytes: 10));
    }

    [Fact]
    public async Task ReadingWithoutCallingAdvanceThrows()
    {
        await WriteAsync("a\nb\n");
        await _reader.ReadAsync(LineReader.Instance, 100, TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await _reader.ReadAsync(LineReader.Instance, 100, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CancelledReadLeavesTheReaderUsable()
    {
        await WriteAsync("par");
        var read = _reader.ReadAsync(LineReader.Instance, 100, TestContext.Current.CancellationToken);
        _pipe.Reader.CancelPendingRead();
        Assert.True((await read).IsCanceled);

        await WriteAsync("tial\n");
        Assert.Equal(["partial"], await ReadLinesAsync(1, maxLineBytes: 100));
    }

    [Fact]
    public async Task CompletedInputEndsTheRead()
    {
        await WriteAsync("last\n");
        await _pipe.Writer.CompleteAsync();
        Assert.Equal(["last"], await ReadLinesAsync(1, maxLineBytes: 100));
        Assert.True((await _reader.ReadAsync(LineReader.Instance, 100, TestContext.Current.CancellationToken)).IsCompleted);
    }

    private async Task WriteAsync(string text) =>
        await _pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(text), TestContext.Current.CancellationToken);

    private async Task<List<string>> ReadLinesAsync(int count, int maxLineBytes)
    {
        var lines = new List<string>();
        while (lines.Count < count)
        {
            var result = await _reader.ReadAsync(LineReader.Instance, maxLineBytes, TestContext.Current.CancellationToken);
            Assert.True(result.HasMessage, "expected a line");
            lines.Add(Encoding.UTF8.GetString(result.Message.ToArray()));
            _reader.Advance();
        }

        return lines;
    }
}
