using System.Net;
using System.Net.Sockets;
using System.Text;
using Chat.Client;
using Chat.Protocol;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Client;

public class ChatClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConnectsRegistersSendsAndReceivesWithATextUser()
    {
        await using var server = await TestServer.StartAsync();
        await using var bob = await server.ConnectTextAsync("bob");
        await using var client = await ChatClient.ConnectAsync("127.0.0.1", server.ChatPort, "alice", Token);

        var welcome = await client.ExpectAsync<WelcomeEvent>();
        Assert.Equal(("alice", "general"), (welcome.Name, welcome.Room));
        await client.ExpectAsync<JoinEvent>(e => e.Name == "alice");
        Assert.Equal("general", client.CurrentRoom);
        await bob.ExpectAsync("*** alice joined #general");

        await client.SendAsync("hello bob", cancellationToken: Token);
        Assert.Equal("#general <alice> hello bob", await bob.ExpectAsync("<alice>"));
        var echo = await client.ExpectAsync<MessageEvent>();
        Assert.Equal(("alice", "hello bob", "general"), (echo.From, echo.Text, echo.Room));

        await bob.SendAsync("hi alice");
        var message = await client.ExpectAsync<MessageEvent>();
        Assert.Equal(("bob", "hi alice", "general"), (message.From, message.Text, message.Room));

        // Events whose optional fields the server omits: a direct message has no room, a room no topic.
        await bob.SendAsync("/msg alice psst");
        var direct = await client.ExpectAsync<MessageEvent>();
        Assert.Equal(("bob", "psst", null, "alice"), (direct.From, direct.Text, direct.Room, direct.To));
        await client.SendAsync("/rooms", cancellationToken: Token);
        var rooms = await client.ExpectAsync<RoomsEvent>();
        Assert.Contains(new RoomInfo("general", 2), rooms.Rooms);

        await client.QuitAsync("done", Token);
        await bob.ExpectAsync("*** alice quit (done)");
        Assert.Equal("Goodbye!", (await client.ExpectAsync<InfoEvent>()).Text);
        await client.Events.Completion.WaitAsync(TimeSpan.FromSeconds(10), Token);
    }

    [Fact]
    public async Task TakenAndInvalidNamesSurfaceAsRegistrationErrors()
    {
        await using var server = await TestServer.StartAsync();
        await using var bob = await server.ConnectTextAsync("bob");

        var taken = await Assert.ThrowsAsync<ChatRegistrationException>(() => ChatClient.ConnectAsync("127.0.0.1", server.ChatPort, "BOB", Token));
        Assert.Equal(ErrorCodes.NameTaken, taken.Code);
        Assert.Equal("The name BOB is taken.", taken.Message);

        var invalid = await Assert.ThrowsAsync<ChatRegistrationException>(() => ChatClient.ConnectAsync("127.0.0.1", server.ChatPort, "no spaces", Token));
        Assert.Equal(ErrorCodes.NameInvalid, invalid.Code);

        // The same client may try again with another name.
        await using var client = new ChatClient(new ChatClientOptions("127.0.0.1", server.ChatPort, "bob"));
        await Assert.ThrowsAsync<ChatRegistrationException>(() => client.ConnectAsync(Token));
        await bob.SendAsync("/nick robert");
        await bob.ExpectAsync("is now known as robert");
        await client.ConnectAsync(Token);
        Assert.Equal("bob", (await client.ExpectAsync<WelcomeEvent>()).Name);
    }

    [Fact]
    public async Task NothingListeningSurfacesAsASocketError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        await Assert.ThrowsAnyAsync<SocketException>(() => ChatClient.ConnectAsync("127.0.0.1", port, "alice", Token));
    }

    [Fact]
    public async Task AnswersPingsWithPongAndDoesNotPassThemOn()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepting = listener.AcceptTcpClientAsync(Token);
        await using var client = new ChatClient(new ChatClientOptions("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, "alice"));
        var connecting = client.ConnectAsync(Token);

        using var peer = await accepting;
        using var reader = new StreamReader(peer.GetStream(), Encoding.UTF8);
        await using var writer = new StreamWriter(peer.GetStream(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        await writer.WriteLineAsync("*** Welcome to a fake server! Enter your name:");
        Assert.Equal("""{"type":"hello","name":"alice"}""", await reader.ReadLineAsync(Token));
        await writer.WriteLineAsync("""{"type":"welcome","name":"alice","room":"general","server":"fake"}""");
        await connecting;

        await writer.WriteLineAsync("""{"type":"ping"}""");
        Assert.Equal("""{"type":"pong"}""", await reader.ReadLineAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Token));
        await writer.WriteLineAsync("""{"type":"some-future-event","x":1}""");
        await writer.WriteLineAsync("""{"type":"info","text":"after the ping"}""");

        Assert.IsType<WelcomeEvent>(await client.Events.ReadAsync(Token));
        Assert.Equal("after the ping", Assert.IsType<InfoEvent>(await client.Events.ReadAsync(Token)).Text);
    }

    [Fact]
    public async Task ReconnectWaitsOutTheBackoffOnItsClockThenRestoresNameAndRooms()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var first = await TestServer.StartAsync();
        var port = first.ChatPort;
        var options = new ChatClientOptions("127.0.0.1", port, "alice")
        {
            TimeProvider = time,
            Reconnect = new ReconnectOptions { InitialDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(5), Jitter = 0 },
        };
        await using var client = new ChatClient(options);
        await client.ConnectAsync(Token);
        await client.SendAsync("/join dev", cancellationToken: Token);
        await client.SendAsync("/nick alicia", cancellationToken: Token);
        await client.ExpectAsync<NickEvent>();
        await client.SendAsync("/switch general", cancellationToken: Token);
        await client.ExpectAsync<InfoEvent>(e => e.Room == "general");

        await first.DisposeAsync();
        await client.ExpectAsync<ShutdownEvent>();
        var lost = await client.ExpectAsync<DisconnectedEvent>();
        Assert.Equal((1, TimeSpan.FromMinutes(1)), (lost.Attempt, lost.RetryIn));
        Assert.False(client.IsConnected);
        await Assert.ThrowsAsync<ChatDisconnectedException>(async () => await client.SendAsync("lost", cancellationToken: Token));

        await using var second = await TestServer.StartAsync($"Kestrel:Endpoints:Chat:Url=http://127.0.0.1:{port}");
        // A real minute would time this test out: only the fake clock ends the wait.
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("alicia", (await client.ExpectAsync<WelcomeEvent>()).Name);
        await client.ExpectAsync<JoinEvent>(e => e.Room == "dev" && e.Name == "alicia");
        await client.ExpectAsync<InfoEvent>(e => e.Room == "general");
        Assert.Equal(["general", "dev"], client.Rooms);
        Assert.Equal("general", client.CurrentRoom);
        Assert.True(client.IsConnected);
    }
}
