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
