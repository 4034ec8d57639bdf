using System.IO.Pipelines;
using System.Threading.Channels;
using Chat.Handlers;
using Chat.Handlers.Fronts.Line;
using Chat.Handlers.Pipeline;
using Chat.Handlers.Protocol;
using Chat.Handlers.Sessions;
using Chat.Protocol;

namespace Chat.Tests.Core;

/// <summary>
/// A fake front's connection: commands go straight into the pipeline; what the session is sent is drained by its
/// real writer loop into an in-memory pipe and read back as events (JSON, the format that keeps every field).
/// </summary>
public sealed class FakeClient
{
    private static int s_lastId;
    private readonly CoreHarness _harness;
    private readonly Channel<ServerEvent> _events = Channel.CreateUnbounded<ServerEvent>();

    internal FakeClient(CoreHarness harness)
    {
        _harness = harness;
        var pipe = new Pipe();
        var outgoing = new ProtocolWriter(64 * 1024 * 1024, 64 * 1024 * 1024, TimeSpan.FromMinutes(1), TimeProvider.System);
        Session = new ChatSession($"fake-{Interlocked.Increment(ref s_lastId)}", null, JsonLinesFormat.Instance, outgoing, () => { });
        _ = outgoing.RunAsync(pipe.Writer);
        _ = ReadAsync(pipe.Reader);
    }

    public ChatSession Session { get; }

    /// <summary>Every event read so far, in order.</summary>
    public List<ServerEvent> Received { get; } = [];

    /// <summary>Runs one command as a read pass of its own: its messages are delivered when this completes.</summary>
    public async Task SendAsync(ClientMessage message)
    {
        await _harness.Pipeline.Invoke(new ChatContext(Session, message, _harness.Services));
        await Session.ConfirmAsync();
    }

    /// <summary>Reads until an event of type <typeparamref name="T"/> matches; earlier ones stay in <see cref="Received"/>.</summary>
    public async Task<T> ExpectAsync<T>(Func<T, bool>? match = null) where T : ServerEvent
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(timeout.Token);
                Received.Add(next);
                if (next is T typed && (match is null || match(typed)))
                {
                    return typed;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Expected a {typeof(T).Name}. Received:\n{string.Join("\n", Received)}");
        }
    }

    public Task<ErrorEvent> ExpectErrorAsync(string code) => ExpectAsync<ErrorEvent>(e => e.Code == code);

    private async Task ReadAsync(PipeReader reader)
    {
        var lines = new ProtocolReader(reader);
        while (true)
        {
            var result = await lines.ReadAsync(LineReader.Instance, int.MaxValue);
            if (!result.HasMessage)
            {
                return;
            }

            var line = System.Buffers.BuffersExtensions.ToArray(result.Message);
            lines.Advance();
            _events.Writer.TryWrite(ProtocolJson.ReadServerEvent(line) ?? throw new InvalidDataException("Unknown event"));
        }
    }
}
