using System.Security.Cryptography;
using System.Text.Json;
using Chat.Protocol;
using Chat.Tests.Infrastructure;

namespace Chat.Tests;

public class TypedMessageTests
{
    [Fact]
    public async Task BinaryPayloadArrivesByteForByteInARoomAndAsADirectMessage()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectJsonAsync("alice");
        await using var bob = await server.ConnectJsonAsync("bob");
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        bytes[0] = 0xFF; // never valid UTF-8

        await alice.SendAsync(Say(bytes, "image/png", "cat.png"));
        var inRoom = await bob.ExpectJsonAsync("message");
        Assert.Equal("general", inRoom.GetProperty("room").GetString());
        AssertPayload(bytes, "image/png", "cat.png", inRoom);

        await alice.SendAsync(Say(bytes, "application/octet-stream", "blob.bin", to: "bob"));
        var direct = await bob.ExpectJsonAsync("message", e => e.TryGetProperty("to", out _));
        Assert.Equal("bob", direct.GetProperty("to").GetString());
        AssertPayload(bytes, "application/octet-stream", "blob.bin", direct);
    }

    [Fact]
    public async Task TextUserGetsOneSummaryLineAndNoPayload()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectJsonAsync("alice");
        await using var tex = await server.ConnectTextAsync("tex");

        await alice.SendAsync(Say(new byte[12_595], "image/png", "cat.png"));
        Assert.Equal("#general <alice> sent cat.png (image/png, 12.3 KB)", await tex.ExpectAsync("<alice>"));
        await alice.SendAsync("""{"type":"say","text":"after"}""");
        Assert.Equal("#general <alice> after", await tex.ExpectAsync("<alice>"));
        Assert.All(tex.Received, line => Assert.True(line.Length < 200));
    }

    [Theory]
    [InlineData("payload_too_large")]
    [InlineData("bad_base64")]
    [InlineData("content_type_not_allowed")]
    [InlineData("bad_content_type")]
    [InlineData("bad_file_name")]
    public async Task BadPayloadGetsItsErrorCodeAndTheConnectionGoesOn(string code)
    {
        await using var server = await TestServer.StartAsync("Chat:MaxPayloadBytes=1000");
        await using var alice = await server.ConnectJsonAsync("alice");
        await using var bob = await server.ConnectJsonAsync("bob");

        var line = code switch
        {
            ErrorCodes.PayloadTooLarge => Say(new byte[1001], "image/png", "big.png"),
            ErrorCodes.BadBase64 => """{"type":"say","text":"","contentType":"image/png","data":"not*base64!"}""",
            ErrorCodes.ContentTypeNotAllowed => Say([1, 2, 3], "application/x-msdownload", "evil.exe"),
            ErrorCodes.BadContentType => Say([1, 2, 3], "png", "x.png"),
            _ => Say([1, 2, 3], "image/png", "../../x"),
        };
        await alice.SendAsync(line);
        Assert.Equal(code, (await alice.ExpectJsonAsync("error")).GetProperty("code").GetString());

        await alice.SendAsync("""{"type":"say","text":"still here"}""");
        Assert.Equal("still here", (await bob.ExpectJsonAsync("message")).GetProperty("text").GetString());
        Assert.DoesNotContain(bob.Received, l => l.Contains("\"data\""));
    }

    [Fact]
    public async Task PayloadsCountForTheirSizeInTheRateLimit()
    {
        await using var server = await TestServer.StartAsync("Chat:MaxPayloadBytes=1000", "Chat:Limits:PayloadBytesPerSecond=1");
        await using var alice = await server.ConnectJsonAsync("alice");
        await using var bob = await server.ConnectJsonAsync("bob");

        await alice.SendAsync(Say(new byte[800], "application/octet-stream", "first.bin"));
        await bob.ExpectJsonAsync("message", e => e.TryGetProperty("data", out _));
        await alice.SendAsync(Say(new byte[800], "application/octet-stream", "second.bin"));
        Assert.Equal(ErrorCodes.RateLimited, (await alice.ExpectJsonAsync("error")).GetProperty("code").GetString());

        // Ordinary lines are not payload bytes: they still go through.
        await alice.SendAsync("""{"type":"say","text":"plain"}""");
        Assert.Equal("plain", (await bob.ExpectJsonAsync("message")).GetProperty("text").GetString());
    }

    [Fact]
    public async Task TextModeKeepsItsSmallLineLimitWhileJsonLinesMayCarryPayloads()
    {
        await using var server = await TestServer.StartAsync("Chat:Limits:MaxLineBytes=200", "Chat:MaxPayloadBytes=3000");
        await using var tex = await server.ConnectTextAsync("tex");
        await using var json = await server.ConnectJsonAsync("jason");

        await tex.SendAsync(new string('x', 300));
        await tex.ExpectAsync("!!! Line too long");
        await json.SendAsync(Say(new byte[2900], "application/octet-stream", "ok.bin"));
        await tex.ExpectAsync("sent ok.bin");
        await json.SendAsync(Say(new byte[5000], "application/octet-stream", "huge.bin"));
        Assert.Equal(ErrorCodes.LineTooLong, (await json.ExpectJsonAsync("error")).GetProperty("code").GetString());
    }

    private static string Say(byte[] data, string contentType, string name, string? to = null) =>
        JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["type"] = "say", ["text"] = "", ["contentType"] = contentType, ["name"] = name, ["data"] = Convert.ToBase64String(data), ["to"] = to,
        });

    private static void AssertPayload(byte[] expected, string contentType, string name, JsonElement message)
    {
        Assert.Equal(contentType, message.GetProperty("contentType").GetString());
        Assert.Equal(name, message.GetProperty("name").GetString());
        Assert.Equal(expected.Length, message.GetProperty("size").GetInt64());
        Assert.Equal(SHA256.HashData(expected), SHA256.HashData(message.GetProperty("data").GetBytesFromBase64()));
    }
}
