using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using Chat.Handlers.Sessions;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests;

[Collection(HeavyTests.Collection)]
public class SlowConsumerTests
{
    private const int Messages = 20_000;
    private const int TextLength = 4000;

    [Fact]
    public async Task AMemberThatNeverReadsIsCutOffForItsSendQueueWhileTheOthersGetEveryMessageAndMemoryStaysBounded()
    {
        // 20,000 lines of 4 KB are 80 MB: far more than the kernel's socket buffers can absorb for the silent member.
        await using var server = await TestServer.StartAsync(
            "Chat:Limits:SendQueueBytes=1048576", "Chat:MaxPayloadBytes=0", "Chat:Limits:MaxLineBytes=8192",
            "Chat:Limits:MessagesPerSecond=1000000", "Chat:Limits:MessageBurst=1000000");
        await using var sender = await server.ConnectTextAsync("sender");
        await using var reader = await server.ConnectTextAsync("reader");
        await using var silent = await TestClient.ConnectAsync(server.ChatPort, receiveBufferSize: 4096);
        await silent.ExpectAsync("Enter your name");
        await silent.SendAsync("silent");
        await silent.ExpectAsync("*** silent joined");
        // The reader's StreamReader has buffered nothing past this line: nothing else was sent to it yet.
        await reader.ExpectAsync("*** silent joined #general");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baselineHeap = GC.GetTotalMemory(forceFullCollection: true);
        using var memory = MemoryPeaks.Start();
        var stopwatch = Stopwatch.StartNew();
        // The sender keeps at most 128 messages (512 KB) ahead of the reader, as a well-behaved room does; the silent
        // member falls behind without limit.
        using var credits = new SemaphoreSlim(128);
        var sending = SendMessagesAsync(sender, credits);
        var (received, notices) = await ReadMessagesAsync(reader, credits);
        await sending;
        stopwatch.Stop();
        await memory.StopAsync();

        Assert.Equal(Messages, received);
        Assert.Contains("*** silent quit (send queue exceeded)", notices);
        Assert.False(server.Services.GetRequiredService<UserDirectory>().TryGet("silent", out _));
        var heapGrowthMb = (memory.PeakLiveHeap - baselineHeap) / (1024.0 * 1024);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Messages} x {TextLength} B in {stopwatch.Elapsed.TotalSeconds:0.00} s; peak live managed heap +{heapGrowthMb:0.0} MB " +
            $"over {baselineHeap / (1024.0 * 1024):0.0} MB; peak working set {memory.PeakWorkingSet / (1024.0 * 1024):0} MB");
        // Measured here: about +7 MB live and a 100 MB working set. Kept in the silent member's queue, the broadcast
        // would be about +77 MB live (190 MB working set): the bounds are generous, yet tell the two apart.
        Assert.InRange(heapGrowthMb, double.MinValue, 32);
        Assert.InRange(memory.PeakWorkingSet, 0, 512L * 1024 * 1024);
    }

    [Fact]
    public async Task ReadersThatKeepUpInARoomFloodedFasterThanTheServerDeliversLoseNothingAndStayConnected()
    {
        // Four senders flood 6 MB at full speed; each reader's queue may hold 512 KB. Without flow control the senders'
        // lines are read as fast as they come and the readers, with small socket buffers, are cut for their queue.
        const int Senders = 4;
        const int PerSender = 3000;
        await using var server = await TestServer.StartAsync(
            "Chat:Limits:SendQueueBytes=524288", "Chat:Limits:SendQueueSoftBytes=32768", "Chat:MaxPayloadBytes=0",
            "Chat:Limits:MessagesPerSecond=1000000", "Chat:Limits:MessageBurst=1000000", "Chat:Limits:MaxViolations=1000000");
        var readers = new List<TestClient>();
        for (var i = 0; i < 2; i++)
        {
            var reader = await TestClient.ConnectAsync(server.ChatPort, receiveBufferSize: 4096);
            await reader.ExpectAsync("Enter your name");
            await reader.SendAsync($"reader{i}");
            await reader.ExpectAsync($"*** reader{i} joined #general");
            readers.Add(reader);
        }

        var senders = new List<TestClient>();
        for (var i = 0; i < Senders; i++)
        {
            senders.Add(await server.ConnectTextAsync($"s{i}"));
        }

        // Each reader has seen every sender join, so nothing else is buffered in its StreamReader.
        foreach (var reader in readers)
        {
            await reader.ExpectAsync($"*** s{Senders - 1} joined #general");
        }

        var reading = readers.Select(reader => ReadFloodAsync(reader, Senders, PerSender)).ToArray();
        // Senders are members too, and hear each other: they read (and skip) whatever comes.
        var skipping = senders.Select(SkipInputAsync).ToArray();
        await Task.WhenAll(senders.Select(sender => FloodAsync(sender, PerSender, 1500)));
        foreach (var notices in await Task.WhenAll(reading))
        {
            Assert.Empty(notices);
        }

        // Still connected and served: a command gets its answer.
        foreach (var reader in readers)
        {
            await reader.SendAsync("/who");
            await reader.ExpectAsync("*** #general (6)");
        }

        foreach (var client in senders.Concat(readers))
        {
            await client.DisposeAsync();
        }

        await Task.WhenAll(skipping);
    }

    [Fact]
    public async Task AReaderThatStopsIsCutAfterTheTimeoutWhileTheOthersGetEveryMessageAndEveryQuit()
    {
        // A hard limit too large to reach: the silent member is cut by the stall timeout alone.
        const int PerSender = 4000;
        await using var server = await TestServer.StartAsync(
            "Chat:Limits:SendQueueBytes=268435456", "Chat:Limits:SendQueueSoftBytes=16384", "Chat:Limits:SlowConsumerTimeout=00:00:01",
            "Chat:MaxPayloadBytes=0", "Chat:Limits:MessagesPerSecond=1000000", "Chat:Limits:MessageBurst=1000000",
            "Chat:Limits:MaxViolations=1000000");
        await using var reader = await server.ConnectTextAsync("reader");
        await using var sender = await server.ConnectTextAsync("sender");
        var leaver = await server.ConnectTextAsync("leaver");
        await using var silent = await TestClient.ConnectAsync(server.ChatPort, receiveBufferSize: 4096);
        await silent.ExpectAsync("Enter your name");
        await silent.SendAsync("silent");
        await silent.ExpectAsync("*** silent joined");
        await reader.ExpectAsync("*** silent joined #general");
        var users = server.Services.GetRequiredService<UserDirectory>();
        Assert.True(users.TryGet("silent", out var stalled));

        var reading = ReadFloodAsync(reader, senders: 1, PerSender, until: "*** silent quit");
        var flooding = FloodAsync(sender, PerSender, 1000);
        // Once the silent member's queue is past its soft limit, its socket is full: a quit now is told at once.
        await Eventually.TrueAsync(() => stalled.QueuedBytes > 16384 || stalled.IsClosing, "the silent member's queue fills");
        leaver.Reset();
        await flooding;
        var notices = await reading;

        // "connection reset", or "connection lost" when a write to the reset socket failed first.
        Assert.Contains(notices, notice => notice.StartsWith("*** leaver quit (connection ", StringComparison.Ordinal));
        Assert.Equal("*** silent quit (send queue stalled)", notices[^1]);
        Assert.False(users.TryGet("silent", out _));
        await reader.SendAsync("/who");
        await reader.ExpectAsync("*** #general (2): reader, sender");
    }

    /// <summary>Reads and drops everything until the connection ends.</summary>
    private static async Task SkipInputAsync(TestClient client)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            do
            {
                read = await client.Stream.ReadAsync(buffer);
            }
            while (read > 0);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Disposed at the end of the test.
        }
    }

    /// <summary>Sends <paramref name="count"/> numbered lines of about <paramref name="length"/> bytes, 64 KB per write.</summary>
    private static async Task FloodAsync(TestClient sender, int count, int length)
    {
        var filler = new string('x', length);
        var batch = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            batch.Append(i.ToString("D5")).Append(' ').Append(filler).Append('\n');
            if (batch.Length >= 64 * 1024 || i == count - 1)
            {
                await sender.SendRawAsync(Encoding.UTF8.GetBytes(batch.ToString()));
                batch.Clear();
            }
        }
    }

    /// <summary>
    /// Reads, as fast as it can, until every sender's last line (senders are s0, s1... in text mode) and, when given,
    /// a notice starting with <paramref name="until"/>, checking each sender's lines come in order; returns the other
    /// lines (notices).
    /// </summary>
    private static async Task<List<string>> ReadFloodAsync(TestClient reader, int senders, int perSender, string? until = null)
    {
        var next = new int[senders];
        var notices = new List<string>();
        var input = PipeReader.Create(reader.Stream);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var cancel = timeout.Token.Register(input.CancelPendingRead);
        while (next.Sum() < senders * perSender || (until is not null && !notices.Any(n => n.StartsWith(until, StringComparison.Ordinal))))
        {
            var result = await input.ReadAsync();
            var buffer = result.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = Encoding.UTF8.GetString(buffer.Slice(0, end));
                buffer = buffer.Slice(buffer.GetPosition(1, end));
                // "#general <s2> 00042 xxx...": the sender's number, then the line's.
                if (line.StartsWith("#general <s", StringComparison.Ordinal) && line.IndexOf('>') is var close and > 0)
                {
                    var from = senders == 1 ? 0 : int.Parse(line.AsSpan(11, close - 11));
                    Assert.Equal(next[from], int.Parse(line.AsSpan(close + 2, 5)));
                    next[from]++;
                }
                else
                {
                    notices.Add(line);
                }
            }

            Assert.False(result.IsCompleted || result.IsCanceled,
                $"Stopped after {string.Join(", ", next)} messages: {string.Join(" | ", notices)}");
            input.AdvanceTo(buffer.Start, buffer.End);
        }

        return notices;
    }

    private static async Task SendMessagesAsync(TestClient sender, SemaphoreSlim credits)
    {
        var filler = new string('x', TextLength);
        var batch = new StringBuilder();
        for (var i = 0; i < Messages; i++)
        {
            if (!credits.Wait(0))
            {
                await FlushAsync();
                await credits.WaitAsync();
            }

            batch.Append(i.ToString("D5")).Append(' ').Append(filler).Append('\n');
            if (batch.Length >= 64 * 1024)
            {
                await FlushAsync();
            }
        }

        await FlushAsync();

        async Task FlushAsync()
        {
            if (batch.Length > 0)
            {
                await sender.SendRawAsync(Encoding.UTF8.GetBytes(batch.ToString()));
                batch.Clear();
            }
        }
    }

    /// <summary>
    /// Reads until the last message and checks that they come in order, without allocating per message (so the
    /// reading does not blur the memory measurement); returns other lines (notices) as strings.
    /// </summary>
    private static async Task<(int Received, List<string> Notices)> ReadMessagesAsync(TestClient reader, SemaphoreSlim credits)
    {
        var prefix = "#general <sender> "u8.ToArray();
        var input = PipeReader.Create(reader.Stream);
        var notices = new List<string>();
        var next = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (next < Messages)
        {
            var result = await input.ReadAsync(timeout.Token);
            var buffer = result.Buffer;
            while (next < Messages && buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = buffer.Slice(0, end);
                buffer = buffer.Slice(buffer.GetPosition(1, end));
                var lineReader = new SequenceReader<byte>(line);
                if (!lineReader.IsNext(prefix, advancePast: true))
                {
                    notices.Add(Encoding.UTF8.GetString(line));
                    continue;
                }

                var index = 0;
                for (var i = 0; i < 5; i++)
                {
                    Assert.True(lineReader.TryRead(out var digit) && char.IsAsciiDigit((char)digit), "a numbered message");
                    index = index * 10 + digit - '0';
                }

                Assert.Equal(next, index);
                Assert.Equal(1 + TextLength, lineReader.Remaining);
                next++;
                credits.Release();
            }

            Assert.False(result.IsCompleted, $"The connection closed after {next} messages.");
            input.AdvanceTo(buffer.Start, buffer.End);
        }

        return (next, notices);
    }
}
