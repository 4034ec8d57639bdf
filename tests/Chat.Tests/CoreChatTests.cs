using System.Net.Http;
using System.Text;
using Chat.Handlers.Hosting;
using Chat.Handlers.Pipeline;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests;

public class CoreChatTests
{
    [Fact]
    public async Task LineFromOneUserReachesTheOtherWithTheSenderNameAndIsNotEchoed()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");
        await alice.ExpectAsync("*** bob joined #general");

        await alice.SendAsync("hello bob");
        Assert.Equal("#general <alice> hello bob", await bob.ExpectAsync("<alice>"));

        // alice's next line proves nothing else (no echo of her own message) was queued before it.
        await alice.SendAsync("/who");
        Assert.Equal("*** #general (2): alice, bob", await alice.ReadLineAsync());
    }

    [Fact]
    public async Task TakenAndInvalidNamesGetErrorsAndTheConnectionCanRegisterAnotherName()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var other = await server.ConnectAsync();

        await other.SendAsync("ALICE");
        Assert.StartsWith("!!! The name ALICE is taken", await other.ReadLineAsync());
        await other.SendAsync("not a name!");
        Assert.StartsWith("!!! Names are 1 to 24", await other.ReadLineAsync());
        await other.SendAsync(new string('x', 25));
        Assert.StartsWith("!!! Names are 1 to 24", await other.ReadLineAsync());

        await other.SendAsync("carol");
        await other.ExpectAsync("*** Welcome, carol!");
        await alice.ExpectAsync("*** carol joined #general");
    }

    [Fact]
    public async Task JsonAndTextUsersShareARoom()
    {
        await using var server = await TestServer.StartAsync();
        await using var text = await server.ConnectTextAsync("tex");
        await using var json = await server.ConnectAsync();

        await json.SendAsync("""{"type":"hello","name":"jason"}""");
        var welcome = await json.ExpectJsonAsync("welcome");
        Assert.Equal("jason", welcome.GetProperty("name").GetString());
        Assert.Equal("general", welcome.GetProperty("room").GetString());
        // The welcome comes before the join: a line said between the two would not reach jason.
        await json.ExpectJsonAsync("join");

        await text.SendAsync("hi jason");
        var message = await json.ExpectJsonAsync("message");
        Assert.Equal("general", message.GetProperty("room").GetString());
        Assert.Equal("tex", message.GetProperty("from").GetString());
        Assert.Equal("hi jason", message.GetProperty("text").GetString());
        var firstId = message.GetProperty("id").GetInt64();
        var ts = message.GetProperty("ts").GetDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, ts.Offset);
        Assert.InRange(DateTimeOffset.UtcNow - ts, TimeSpan.Zero, TimeSpan.FromMinutes(1));

        await json.SendAsync("""{"type":"say","text":"hi tex"}""");
        Assert.Equal("#general <jason> hi tex", await text.ExpectAsync("<jason>"));
        var echo = await json.ExpectJsonAsync("message");
        Assert.True(echo.GetProperty("id").GetInt64() > firstId);

        await json.SendAsync("""{"type":"say","text":"/nick"}""");
        Assert.Equal(ErrorCodes.BadArguments, (await json.ExpectJsonAsync("error")).GetProperty("code").GetString());
        await json.SendAsync("""{"type":"hello","name":"tex"}""");
        Assert.Equal(ErrorCodes.AlreadyRegistered, (await json.ExpectJsonAsync("error")).GetProperty("code").GetString());
        await json.SendAsync("{not json");
        Assert.Equal(ErrorCodes.BadJson, (await json.ExpectJsonAsync("error")).GetProperty("code").GetString());
        await json.SendAsync("""{"type":"say","text":"ok"} trailing""");
        Assert.Equal(ErrorCodes.BadJson, (await json.ExpectJsonAsync("error")).GetProperty("code").GetString());

        // Well-formed JSON of the wrong shape is a bad request, and the reply names no .NET type.
        foreach (var line in new[] { """{"type":"say"}""", """{"type":"say","text":null}""", """{"type":"shout","text":"hi"}""", """{"text":"hi"}""", "[1,2]" })
        {
            await json.SendAsync(line);
            var error = await json.ExpectJsonAsync("error");
            Assert.Equal(ErrorCodes.BadRequest, error.GetProperty("code").GetString());
            Assert.DoesNotContain("Chat.Protocol", error.GetProperty("message").GetString());
        }

        await json.SendAsync("""{"type":"say","text":"still fine"}""");
        Assert.Equal("#general <jason> still fine", await text.ExpectAsync("still fine"));
    }

    [Fact]
    public async Task JsonNameTakenIsAnErrorEventAndAnotherHelloRegisters()
    {
        await using var server = await TestServer.StartAsync();
        await using var first = await server.ConnectJsonAsync("dup");
        await using var second = await server.ConnectAsync();

        await second.SendAsync("""{"type":"hello","name":"DUP"}""");
        var error = await second.ExpectJsonAsync("error");
        Assert.Equal(ErrorCodes.NameTaken, error.GetProperty("code").GetString());
        await second.SendAsync("""{"type":"say","text":"too early"}""");
        Assert.Equal(ErrorCodes.NotRegistered, (await second.ExpectJsonAsync("error")).GetProperty("code").GetString());

        await second.SendAsync("""{"type":"hello","name":"dup2"}""");
        await second.ExpectJsonAsync("welcome");
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task SplitAndMergedWritesAreFramed(string ending)
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");

        foreach (var part in new[] { "hel", "lo wo", $"rld{ending}one{ending}two{ending}thr", $"ee{ending}" })
        {
            await alice.SendRawAsync(Encoding.UTF8.GetBytes(part));
        }

        foreach (var expected in new[] { "hello world", "one", "two", "three" })
        {
            Assert.Equal($"#general <alice> {expected}", await bob.ExpectAsync("<alice>"));
        }
    }

    [Fact]
    public async Task OverLongLineGetsAnErrorAndTheServerKeepsServing()
    {
        await using var server = await TestServer.StartAsync("Chat:Limits:MaxLineBytes=100");
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");

        await alice.SendAsync(new string('x', 500));
        Assert.StartsWith("!!! Line too long", await alice.ExpectAsync("!!!"));
        await alice.SendAsync("still here");
        Assert.Equal("#general <alice> still here", await bob.ExpectAsync("<alice>"));
    }

    [Fact]
    public async Task EscapedSlashIsSentLiterallyAndUnknownCommandPointsToHelp()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");

        await alice.SendAsync("/frobnicate");
        Assert.Equal("!!! Unknown command /frobnicate. Type /help for the list.", await alice.ExpectAsync("!!!"));
        await alice.SendAsync("//shrug");
        Assert.Equal("#general <alice> /shrug", await bob.ExpectAsync("<alice>"));
    }

    [Fact]
    public async Task NickAndQuitAreAnnounced()
    {
        await using var server = await TestServer.StartAsync();
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");

        await alice.SendAsync("/nick alicia");
        Assert.Equal("*** alice is now known as alicia", await bob.ExpectAsync("known as"));
        await alice.SendAsync("/quit gotta go");
        Assert.Contains("*** Goodbye!", await alice.ExpectClosedAsync());
        Assert.Equal("*** alicia quit (gotta go)", await bob.ExpectAsync("quit"));
    }

    [Fact]
    public async Task CustomFilterInsertedInThePipelineSeesEveryMessage()
    {
        var seen = new List<ClientMessage>();
        await using var server = await TestServer.StartAsync(builder => builder.Services.AddChatPipeline(chat => chat
            .Use(next => context =>
            {
                lock (seen)
                {
                    seen.Add(context.Input);
                }

                return next(context);
            })
            .UseRegistration()
            .UseCommands()
            .UseBroadcast()));
        await using var alice = await server.ConnectTextAsync("alice");
        await using var bob = await server.ConnectTextAsync("bob");

        await alice.SendAsync("one");
        await alice.SendAsync("/who");
        await alice.SendAsync("two");
        await bob.ExpectAsync("<alice> two");

        lock (seen)
        {
            Assert.Equal(
                [new HelloMessage("alice"), new HelloMessage("bob"), new SayMessage("one"), new WhoMessage(), new SayMessage("two")],
                seen);
        }
    }

    [Fact]
    public async Task ShutdownWithManyClientsIsQuickAndEveryClientGetsTheNotice()
    {
        var server = await TestServer.StartAsync("Chat:Limits:MaxConnectionsPerIp=200");
        var clients = new List<TestClient>();
        for (var i = 0; i < 100; i++)
        {
            clients.Add(await server.ConnectTextAsync($"user{i}"));
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await server.DisposeAsync();
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));

        foreach (var client in clients)
        {
            Assert.Contains(await client.ExpectClosedAsync(), line => line.StartsWith("*** Server shutting down"));
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task HealthEndpointReturns200()
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();
        var response = await http.GetAsync($"http://127.0.0.1:{server.HttpPort}/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
    }
}
