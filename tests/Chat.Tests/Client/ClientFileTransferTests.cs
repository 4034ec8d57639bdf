using System.Security.Cryptography;
using System.Text.Json;
using Chat.Client;
using Chat.Protocol;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Client;

/// <summary>Files through the client: the library sends and decodes payloads; terminal clients /send and /save them.</summary>
public sealed class ClientFileTransferTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("chat-transfer-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheLibrarySendsAFileThatArrivesByteForByteInARoomAndAsADirectMessage()
    {
        await using var server = await TestServer.StartAsync();
        await using var tex = await server.ConnectTextAsync("tex");
        await using var alice = await ChatClient.ConnectAsync("127.0.0.1", server.ChatPort, "alice", Token);
        await using var bob = await ChatClient.ConnectAsync("127.0.0.1", server.ChatPort, "bob", Token);
        var bytes = RandomBytes(12_595);
        var path = Path.Combine(_root, "cat.png");
        await File.WriteAllBytesAsync(path, bytes, Token);

        await alice.SendFileAsync(path, caption: "look!", cancellationToken: Token);
        var inRoom = (await bob.ExpectAsync<MessageEvent>(m => m.Data is not null)).GetPayload()!;
        Assert.Equal(("image/png", "cat.png"), (inRoom.ContentType, inRoom.Name));
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(inRoom.Data.Span));
        Assert.Equal("#general <alice> sent cat.png (image/png, 12.3 KB): look!", await tex.ExpectAsync("<alice>"));

        await alice.SendPayloadAsync(bytes, "application/octet-stream", "blob.bin", to: "bob", cancellationToken: Token);
        var direct = await bob.ExpectAsync<MessageEvent>(m => m.To == "bob");
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(direct.GetPayload()!.Data.Span));
    }

    [Fact]
    public async Task PayloadsAtTheServersLimitArriveEvenWhenTheServerEscapesEveryBase64Character()
    {
        await using var server = await TestServer.StartAsync("Chat:Limits:PayloadBytesPerSecond=4194304");
        await using var alice = await ChatClient.ConnectAsync("127.0.0.1", server.ChatPort, "alice", Token);
        await using var bob = await ChatClient.ConnectAsync("127.0.0.1", server.ChatPort, "bob", Token);
        var random = RandomBytes(ChatClientOptions.DefaultMaxPayloadBytes);
        // 0xFB bytes are all '+' in base64, which a default System.Text.Json encoder writes as \u002B: six bytes each.
        var pluses = Enumerable.Repeat((byte)0xFB, ChatClientOptions.DefaultMaxPayloadBytes).ToArray();

        foreach (var bytes in new[] { random, pluses })
        {
            await alice.SendPayloadAsync(bytes, "application/octet-stream", "max.bin", cancellationToken: Token);
            var received = await bob.ExpectAsync<ServerEvent>(e => e is MessageEvent { Data: not null } or ErrorEvent or DisconnectedEvent);
            Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(Assert.IsType<MessageEvent>(received).GetPayload()!.Data.Span));
        }
    }

    [Fact]
    public async Task AFileOverTheKnownLimitIsRefusedLocallyAndTheServersRefusalsArriveAsErrors()
    {
        await using var server = await TestServer.StartAsync("Chat:MaxPayloadBytes=1000");
        var options = new ChatClientOptions("127.0.0.1", server.ChatPort, "alice") { MaxPayloadBytes = 1000 };
        await using var alice = new ChatClient(options);
        await alice.ConnectAsync(Token);
        var path = Path.Combine(_root, "big.png");
        await File.WriteAllBytesAsync(path, new byte[1001], Token);

        var tooLarge = await Assert.ThrowsAsync<ChatPayloadTooLargeException>(async () => await alice.SendFileAsync(path, cancellationToken: Token));
        Assert.Equal("big.png is 1001 B; files may be up to 1000 B.", tooLarge.Message);

        // A client that believes in a larger limit hears the server's own refusal.
        await using var optimist = new ChatClient(options with { Name = "olivia", MaxPayloadBytes = 2000 });
        await optimist.ConnectAsync(Token);
        await optimist.SendFileAsync(path, cancellationToken: Token);
        Assert.Equal(ErrorCodes.PayloadTooLarge, (await optimist.ExpectAsync<ErrorEvent>()).Code);
        await optimist.SendPayloadAsync(new byte[] { 1 }, "application/x-msdownload", "evil.exe", cancellationToken: Token);
        Assert.Equal(ErrorCodes.ContentTypeNotAllowed, (await optimist.ExpectAsync<ErrorEvent>()).Code);
    }

    [Fact]
    public async Task TwoTerminalClientsExchangeAnImageThroughARoomWhileATextUserSeesTheSummary()
    {
        await using var server = await TestServer.StartAsync();
        await using var tex = await server.ConnectTextAsync("tex");
        var image = Path.Combine(_root, "cat.png");
        byte[] bytes = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. RandomBytes(12_587)];
        await File.WriteAllBytesAsync(image, bytes, Token);
        var downloads = Path.Combine(_root, "downloads");
        using var alice = ClientProcess.Start("--port", server.ChatPort.ToString(), "--name", "alice");
        using var bob = ClientProcess.Start("--port", server.ChatPort.ToString(), "--name", "bob", "--downloads", downloads);
        await alice.ExpectLineAsync("*** alice joined #general");
        await bob.ExpectLineAsync("*** bob joined #general");

        await alice.WriteLineAsync($"/send {image}");

        await alice.ExpectLineAsync("#general <alice> sent cat.png (image/png, 12.3 KB)");
        Assert.Equal("#general <alice> sent cat.png (image/png, 12.3 KB)", await tex.ExpectAsync("<alice>"));
        await bob.ExpectLineAsync("[1] #general <alice> sent cat.png (image/png, 12.3 KB) — /save 1");
        await bob.WriteLineAsync("/save 1");
        await bob.ExpectLineAsync($"*** Saved [1] as {Path.Combine(downloads, "cat.png")} (12.3 KB)");
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(downloads, "cat.png"), Token)));

        // Saving again never overwrites; a folder of one's own choosing works too.
        await bob.WriteLineAsync("/save 1");
        await bob.ExpectLineAsync($"*** Saved [1] as {Path.Combine(downloads, "cat (1).png")} (12.3 KB)");
        await bob.WriteLineAsync($"/save 1 {_root}{Path.DirectorySeparatorChar}");
        await bob.ExpectLineAsync($"*** Saved [1] as {Path.Combine(_root, "cat (1).png")} (12.3 KB)");
        await alice.WriteLineAsync($"/send {image} @bob");
        await bob.ExpectLineAsync("[2] *alice -> bob* sent cat.png (image/png, 12.3 KB) — /save 2");
        await bob.WriteLineAsync("/save 7");
        await bob.ExpectLineAsync(line => line.StartsWith("!!! There is no received file 7", StringComparison.Ordinal), "an unknown id refused");
        await alice.WriteLineAsync($"/send {Path.Combine(_root, "missing.png")}");
        await alice.ExpectLineAsync(line => line.StartsWith($"!!! Cannot send {Path.Combine(_root, "missing.png")}: ", StringComparison.Ordinal), "a missing file reported");

        Assert.Equal(0, await alice.EndInputAndWaitAsync());
        Assert.Equal(0, await bob.EndInputAndWaitAsync());
        Assert.Equal(2, Directory.GetFiles(downloads).Length);
    }

    [Fact]
    public async Task AHostileFileNameFromTheServerIsSavedInsideTheDownloadsFolderOnly()
    {
        await using var server = await TestServer.StartAsync();
        await using var mallory = await server.ConnectJsonAsync("mallory");
        var downloads = Path.Combine(_root, "a", "b", "downloads");
        using var bob = ClientProcess.Start("--port", server.ChatPort.ToString(), "--name", "bob", "--downloads", downloads);
        await mallory.ExpectJsonAsync("join", e => e.GetProperty("name").GetString() == "bob");

        // The server refuses names with slashes; ".." passes it and is just as dangerous as a path.
        await mallory.SendAsync(JsonSerializer.Serialize(new { type = "say", text = "", contentType = "image/png", name = "..", data = Convert.ToBase64String([1, 2, 3]) }));
        await bob.ExpectLineAsync("[1] #general <mallory> sent file.png (image/png, 3 B) — /save 1");
        await bob.WriteLineAsync("/save 1");
        await bob.ExpectLineAsync($"*** Saved [1] as {Path.Combine(downloads, "file.png")} (3 B)");

        Assert.Equal(0, await bob.EndInputAndWaitAsync());
        Assert.Equal([Path.Combine(downloads, "file.png")], Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(null, "Downloads")]
    [InlineData("XDG_DOWNLOAD_DIR=\"$HOME/Telechargements\"", "Telechargements")]
    public async Task SaveWithoutAFolderWritesToTheUsersDownloadsFolder(string? userDirs, string folder)
    {
        await using var server = await TestServer.StartAsync();
        await using var mallory = await server.ConnectJsonAsync("mallory");
        var config = Path.Combine(_root, "config");
        if (userDirs is not null)
        {
            Directory.CreateDirectory(config);
            await File.WriteAllTextAsync(Path.Combine(config, "user-dirs.dirs"), $"# written by xdg-user-dirs-update\n{userDirs}\n", Token);
        }

        var environment = new Dictionary<string, string?> { ["HOME"] = _root, ["XDG_CONFIG_HOME"] = config, ["XDG_DOWNLOAD_DIR"] = null };
        using var bob = ClientProcess.Start(environment, "--port", server.ChatPort.ToString(), "--name", "bob");
        await mallory.ExpectJsonAsync("join", e => e.GetProperty("name").GetString() == "bob");

        await mallory.SendAsync(JsonSerializer.Serialize(new { type = "say", text = "", contentType = "text/plain", name = "note.txt", data = "aGk=" }));
        await bob.ExpectLineAsync("[1] #general <mallory> sent note.txt (text/plain, 2 B) — /save 1");
        await bob.WriteLineAsync("/save 1");
        await bob.ExpectLineAsync($"*** Saved [1] as {Path.Combine(_root, folder, "note.txt")} (2 B)");
        Assert.Equal(0, await bob.EndInputAndWaitAsync());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
