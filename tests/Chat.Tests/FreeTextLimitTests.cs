using System.Text.Encodings.Web;
using System.Text.Json;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Chat.Tests.Tls;

namespace Chat.Tests;

/// <summary>Every free-text field a client sends has a cap: before anyone else sees it, and before the log keeps it.</summary>
public class FreeTextLimitTests
{
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task JsonChatTextHasTheTextLineLimitWhileAOneMegabytePayloadStillPasses()
    {
        await using var server = await TestServer.StartAsync("Chat:Limits:MessageBurst=100");
        await using var alice = await server.ConnectJsonAsync("alice");
        await using var tex = await server.ConnectTextAsync("tex");
        var huge = new string('x', 1_300_000);

        foreach (var line in new[]
        {
            Json(new { type = "say", text = huge }),
            Json(new { type = "say", text = huge, to = "tex" }),
            Json(new { type = "action", text = huge }),
            Json(new { type = "say", text = "/me " + huge }),
            Json(new { type = "command", name = "roll", args = huge }),
            Json(new { type = "say", text = huge, contentType = "text/plain", data = "aGk=" }),
            // Counted after sanitizing, in UTF-8: 4096 bytes of text do not fit a 4096-byte line with its ending.
            Json(new { type = "say", text = new string('é', 2048) + "\u001b[31m" }),
        })
        {
            await alice.SendAsync(line);
            var error = await alice.ExpectJsonAsync("error");
            Assert.Equal(ErrorCodes.LineTooLong, error.GetProperty("code").GetString());
            Assert.Equal("Line too long: the limit is 4096 bytes. It was discarded.", error.GetProperty("message").GetString());
        }

        var longest = new string('é', 2047) + "x";
        await alice.SendAsync(Json(new { type = "say", text = longest + "\u001b[31m" }));
        Assert.Equal("#general <alice> " + longest, await tex.ExpectAsync("<alice>"));

        await alice.SendAsync(Json(new { type = "say", text = "big one", contentType = "application/octet-stream", name = "big.bin", data = Convert.ToBase64String(new byte[1024 * 1024]) }));
        Assert.Equal("#general <alice> sent big.bin (application/octet-stream, 1 MB): big one", await tex.ExpectAsync("<alice>"));
        Assert.Equal(2, tex.Received.Count(line => line.Contains("alice", StringComparison.Ordinal) && !line.StartsWith("***", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task LongReasonsAreCappedForPeersAndUserTextNeverReachesTheLog()
    {
        var log = new LogCapture();
        await using var server = await TestServer.StartAsync(log.AddTo, "Serilog:MinimumLevel:Default=Information");
        await using var alice = await server.ConnectJsonAsync("alice");
        await using var tess = await server.ConnectTextAsync("tess");
        await using var lena = await server.ConnectTextAsync("lena");
        await using var bob = await server.ConnectTextAsync("bob");

        await lena.SendAsync("/leave general " + new string('l', 4000));
        Assert.Equal($"*** lena left #general ({new string('l', 200)})", await bob.ExpectAsync("*** lena left"));
        await tess.SendAsync("a secret chat line");
        await bob.ExpectAsync("a secret chat line");
        await tess.SendAsync("/quit " + new string('t', 4000));
        Assert.Equal($"*** tess quit ({new string('t', 200)})", await bob.ExpectAsync("*** tess quit"));
        await alice.SendAsync(Json(new { type = "quit", reason = new string('r', 200 * 1024) }));
        Assert.Equal($"*** alice quit ({new string('r', 200)})", await bob.ExpectAsync("*** alice quit"));

        await Eventually.TrueAsync(() => log.Events.Count(e => e.MessageTemplate.Text.StartsWith("Disconnected", StringComparison.Ordinal)) == 2, "both quits are logged");
        foreach (var logged in log.Events.Select(e => e.RenderMessage()))
        {
            Assert.DoesNotContain("secret", logged, StringComparison.Ordinal);
            foreach (var c in "ltr")
            {
                Assert.DoesNotContain(new string(c, 65), logged, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task PayloadFieldsHaveCaps()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectJsonAsync("alice");

        await alice.SendAsync(Json(new { type = "say", text = "", contentType = $"text/plain; x=\"{new string('x', 300)}\"", data = "aGk=" }));
        Assert.Equal(ErrorCodes.BadContentType, (await alice.ExpectJsonAsync("error")).GetProperty("code").GetString());
        await alice.SendAsync(Json(new { type = "say", text = "", name = new string('n', 256), data = "aGk=" }));
        Assert.Equal(ErrorCodes.BadFileName, (await alice.ExpectJsonAsync("error")).GetProperty("code").GetString());
    }

    [Fact]
    public async Task APayloadMayComeWithoutTextButASayNeedsOneOfThem()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectJsonAsync("alice");
        await using var bob = await server.ConnectJsonAsync("bob");
        await using var tex = await server.ConnectTextAsync("tex");

        await alice.SendAsync("""{"type":"say","contentType":"text/plain","name":"note.txt","data":"aGk="}""");
        Assert.Equal("#general <alice> sent note.txt (text/plain, 2 B)", await tex.ExpectAsync("<alice>"));
        Assert.Equal("", (await bob.ExpectJsonAsync("message")).GetProperty("text").GetString());

        await alice.SendAsync("""{"type":"say","room":"general"}""");
        Assert.Equal(ErrorCodes.BadRequest, (await alice.ExpectJsonAsync("error")).GetProperty("code").GetString());
    }

    [Fact]
    public async Task TextUsersSeeOnlyTheTypeAndSubtypeOfAPayload()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectJsonAsync("alice");
        await using var bob = await server.ConnectJsonAsync("bob");
        await using var tex = await server.ConnectTextAsync("tex");
        const string contentType = "text/plain; x=\"), then <bob> says: click http://evil\"";

        await alice.SendAsync(Json(new { type = "say", text = "", contentType, name = "a.txt", data = "aGk=" }));

        Assert.Equal("#general <alice> sent a.txt (text/plain, 2 B)", await tex.ExpectAsync("<alice>"));
        Assert.Equal(contentType, (await bob.ExpectJsonAsync("message")).GetProperty("contentType").GetString());
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, Unescaped);
}
