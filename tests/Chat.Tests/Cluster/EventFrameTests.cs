using System.Text;
using Chat.Protocol;
using Chat.Redis;

namespace Chat.Tests.Cluster;

/// <summary>The frames nodes exchange on the event channel, as the Lua scripts write them.</summary>
public class EventFrameTests
{
    [Fact]
    public void FrameCarriesIdTimeEnvelopeAndAJoinersTopic()
    {
        var envelope = new EventEnvelope("n1", 7, ["general"], ["bob"], new MessageEvent(0, default, "alice", "hi\nthere", Room: "general"));
        var frame = Frame("42\n1700000000123\n", envelope, "\nnews: a\nb");

        Assert.True(EventFrame.TryParse(frame, out var parsed));
        Assert.Equal((42, DateTimeOffset.FromUnixTimeMilliseconds(1700000000123), "news: a\nb"), (parsed.Id, parsed.Ts, parsed.Topic));
        Assert.Equal(("n1", 7L, "general", "bob"), (parsed.Envelope.Node, parsed.Envelope.Seq, parsed.Envelope.Rooms.Single(), parsed.Envelope.Users.Single()));
        Assert.Equal("hi\nthere", Assert.IsType<MessageEvent>(parsed.Envelope.Event).Text);

        Assert.True(EventFrame.TryParse(Frame("0\n0\n", envelope with { Event = new QuitEvent("alice") }, ""), out parsed));
        Assert.Null(parsed.Topic);
        Assert.IsType<QuitEvent>(parsed.Envelope.Event);
    }

    [Theory]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("42\n17\n")]
    [InlineData("x\n17\n{}")]
    [InlineData("42\n17\n{\"node\":\"n\",\"seq\":1,\"rooms\":[],\"users\":[]}")]
    [InlineData("42\n17\n{\"node\":\"n\",\"seq\":1,\"rooms\":[],\"users\":[],\"event\":{\"type\":\"nope\"}}")]
    [InlineData("42\n17\nnot json")]
    public void MalformedFrameIsRefused(string frame) => Assert.False(EventFrame.TryParse(Encoding.UTF8.GetBytes(frame), out _));

    private static byte[] Frame(string head, EventEnvelope envelope, string tail) =>
        [.. Encoding.UTF8.GetBytes(head), .. EventFrame.Serialize(envelope), .. Encoding.UTF8.GetBytes(tail)];
}
