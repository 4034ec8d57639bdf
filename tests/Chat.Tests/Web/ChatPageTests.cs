using System.Net;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Web;

/// <summary>The page chatting through the real host's /ws.</summary>
public sealed partial class ChatPageTests(Chromium chromium) : BrowserTest(chromium)
{
    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    [Fact]
    public async Task TwoPagesAndATextUserChatInOneRoomAndSeeJoinsAndLeaves()
    {
        await using var server = await StartServerAsync();
        var alice = await SignInAsync(server, "alice");
        var bob = await SignInAsync(server, "bob");
        await Expect(alice.Entry("bob joined #general")).ToBeVisibleAsync();
        await using var carol = await server.ConnectTextAsync("carol");
        await Expect(alice.Entry("carol joined #general")).ToBeVisibleAsync();
        await Expect(bob.Entry("carol joined #general")).ToBeVisibleAsync();
        await Expect(alice.Members).ToHaveTextAsync(["alice (you)", "bob", "carol"]);

        await alice.SayAsync("hello from alice");
        await Expect(bob.Entry("hello from alice")).ToBeVisibleAsync();
        await carol.ExpectAsync("#general <alice> hello from alice");
        await carol.SendAsync("hello from carol");
        await Expect(alice.Entry("hello from carol")).ToBeVisibleAsync();
        await Expect(bob.Entry("hello from carol")).ToBeVisibleAsync();
        await Expect(alice.Announcements).ToContainTextAsync("carol: hello from carol");
        await bob.SayAsync("hello from bob");
        await Expect(alice.Entry("hello from bob")).ToBeVisibleAsync();
        await carol.ExpectAsync("#general <bob> hello from bob");

        await bob.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Leave #general" }).ClickAsync();
        await Expect(alice.Entry("bob left #general")).ToBeVisibleAsync();
        await carol.ExpectAsync("*** bob left #general");
        await Expect(alice.Members).ToHaveTextAsync(["alice (you)", "carol"]);
        await Expect(bob.Conversation("#general")).ToHaveCountAsync(0);

        // Each message once: a sender's own message is shown from the server's echo, not also when sent.
        await Expect(alice.Entry("hello from alice")).ToHaveCountAsync(1);
        Assert.Empty(PageErrors);
    }

    [Fact]
    public async Task AnImageSentFromOnePageAppearsInlineOnTheOtherAndTheTextUserSeesTheSummary()
    {
        await using var server = await StartServerAsync();
        var alice = await SignInAsync(server, "alice");
        var bob = await SignInAsync(server, "bob");
        await using var carol = await server.ConnectTextAsync("carol");

        await alice.Page.Locator("#file-input").SetInputFilesAsync(new FilePayload { Name = "dot.png", MimeType = "image/png", Buffer = Png });

        var image = bob.Entry("dot.png").Locator("img");
        await Expect(image).ToBeVisibleAsync();
        await Expect(image).ToHaveAttributeAsync("src", BlobUrl());
        await Expect(image).ToHaveJSPropertyAsync("naturalWidth", 1);
        await Expect(bob.Entry("dot.png").GetByRole(AriaRole.Link)).ToHaveTextAsync("dot.png");
        await carol.ExpectAsync("#general <alice> sent dot.png (image/png, 70 B)");

        // Dropped on the conversation, a file is sent the same way.
        var files = await alice.Page.EvaluateHandleAsync("""
            bytes => {
              const files = new DataTransfer();
              files.items.add(new File([new Uint8Array(bytes)], "dropped.png", { type: "image/png" }));
              return files;
            }
            """, Png.Select(b => (int)b).ToArray());
        await alice.Page.Locator("#conversation").DispatchEventAsync("drop", new { dataTransfer = files });
        await Expect(bob.Entry("dropped.png").Locator("img")).ToHaveJSPropertyAsync("naturalWidth", 1);
        await carol.ExpectAsync("#general <alice> sent dropped.png (image/png, 70 B)");
        Assert.Empty(PageErrors);
    }

    [Fact]
    public async Task MarkupInMessagesTopicsAndFilesIsShownAsTextAndRunsNothing()
    {
        // SVG and HTML payloads allowed by the server, so that the page is the one refusing to render them.
        await using var server = await StartServerAsync("Chat:AllowedContentTypes:7=image/svg+xml", "Chat:AllowedContentTypes:8=text/html");
        var alice = await SignInAsync(server, "alice");
        var bob = await SignInAsync(server, "bob");
        var dialogs = new List<string>();
        foreach (var page in new[] { alice.Page, bob.Page })
        {
            page.Dialog += (_, dialog) =>
            {
                dialogs.Add(dialog.Message);
                _ = dialog.DismissAsync();
            };
        }

        string[] hostile = ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>", "javascript:alert(3)", "<a href=\"javascript:alert(4)\">click</a>"];
        foreach (var text in hostile)
        {
            await alice.SayAsync(text);
            await Expect(bob.Entry(text).Locator(".text")).ToHaveTextAsync(text);
        }

        await alice.SayAsync("/topic <b>bold</b><img src=x onerror=alert(5)>");
        await Expect(bob.Topic).ToHaveTextAsync("<b>bold</b><img src=x onerror=alert(5)>");

        await alice.Page.Locator("#file-input").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "evil.svg", MimeType = "image/svg+xml", Buffer = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(6)\"><script>alert(7)</script></svg>"u8.ToArray() },
            new FilePayload { Name = "evil.html", MimeType = "text/html", Buffer = "<script>alert(8)</script>"u8.ToArray() },
            new FilePayload { Name = "fake.png", MimeType = "image/png", Buffer = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(9)\"/>"u8.ToArray() },
        });
        foreach (var name in new[] { "evil.svg", "evil.html", "fake.png" })
        {
            await Expect(bob.Entry(name).GetByRole(AriaRole.Link)).ToHaveAttributeAsync("download", name);
        }

        await Expect(bob.Log.Locator("img, script, iframe, object, embed, svg, b, a[href^='javascript:']")).ToHaveCountAsync(0);
        Assert.Empty(dialogs);
        Assert.Empty(PageErrors);
    }

    [Fact]
    public async Task AfterAServerRestartThePagesReconnectAndRejoinTheirRooms()
    {
        var server = await StartServerAsync();
        var port = server.HttpPort;
        var alice = await SignInAsync(server, "alice");
        var bob = await SignInAsync(server, "bob");
        await alice.JoinAsync("dev");
        await bob.JoinAsync("dev");
        await Expect(alice.Entry("bob joined #dev")).ToBeVisibleAsync();
        await bob.SayAsync("before the restart");
        await Expect(alice.Entry("before the restart")).ToBeVisibleAsync();

        await server.DisposeAsync();
        await Expect(alice.Status).ToContainTextAsync("Reconnecting");
        await using var restarted = await StartServerAsync($"Kestrel:Endpoints:Http:Url=http://127.0.0.1:{port}");

        var reconnect = new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 };
        await Expect(alice.Status).ToHaveTextAsync("Connected.", reconnect);
        await Expect(bob.Status).ToHaveTextAsync("Connected.", reconnect);
        await Expect(alice.Entry("Rejoined #dev")).ToBeVisibleAsync();
        await Expect(bob.Entry("Rejoined #dev")).ToBeVisibleAsync();
        await using var carol = await restarted.ConnectTextAsync("carol");
        await carol.SendAsync("/join dev");
        await carol.ExpectAsync("*** carol joined #dev");
        // The restarted server numbers #dev's messages from 1 again: the page must not take them for repeats.
        await bob.SayAsync("still here");
        await Expect(alice.Entry("still here")).ToBeVisibleAsync();
        await carol.ExpectAsync("#dev <bob> still here");
        await Expect(alice.Conversation("#general")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AWebSocketFromAForeignOriginIsRefused()
    {
        await using var server = await StartServerAsync();
        var url = $"ws://127.0.0.1:{server.HttpPort}/ws";
        const string probe = """
            url => new Promise(resolve => {
              const socket = new WebSocket(url);
              socket.onopen = () => { socket.close(); resolve("open"); };
              socket.onerror = () => resolve("refused");
            })
            """;

        var own = await OpenAsync($"http://127.0.0.1:{server.HttpPort}/", "own");
        Assert.Equal("open", await own.EvaluateAsync<string>(probe, url));
        // The same server under another name is another origin (a page from any public site would be one too, but
        // Chromium itself keeps public pages from reaching loopback, which would hide what the server does).
        var foreign = await OpenAsync($"http://localhost:{server.HttpPort}/", "foreign");
        Assert.Equal("refused", await foreign.EvaluateAsync<string>(probe, url));

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "http://foreign.test");
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(url), TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task WithTheKeyboardAloneAMessageIsSentAndTheRoomSwitched()
    {
        await using var server = await StartServerAsync();
        await using var carol = await server.ConnectTextAsync("carol");
        var kim = new ChatPage(await OpenAsync($"http://127.0.0.1:{server.HttpPort}/", "kim"));
        var keyboard = kim.Page.Keyboard;

        // The name field has focus when the page opens; after signing in, the message box does.
        await keyboard.TypeAsync("kim");
        await keyboard.PressAsync("Enter");
        await Expect(kim.Status).ToHaveTextAsync("Connected.");
        await Expect(kim.Composer).ToBeFocusedAsync();
        await keyboard.TypeAsync("hello by keyboard");
        await keyboard.PressAsync("Enter");
        await carol.ExpectAsync("#general <kim> hello by keyboard");

        await keyboard.TypeAsync("/join dev");
        await keyboard.PressAsync("Enter");
        await Expect(kim.Title).ToHaveTextAsync("#dev");

        // Back to #general through the focus order, as a keyboard user would.
        var general = kim.Conversation("#general");
        for (var presses = 0; presses < 30 && !await general.EvaluateAsync<bool>("button => button === document.activeElement"); presses++)
        {
            await keyboard.PressAsync("Shift+Tab");
        }

        await Expect(general).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await Expect(kim.Title).ToHaveTextAsync("#general");
        await Expect(kim.Composer).ToBeFocusedAsync();
        await keyboard.TypeAsync("back in general");
        await keyboard.PressAsync("Enter");
        await carol.ExpectAsync("#general <kim> back in general");

        // Alt+Down moves to the next conversation.
        await keyboard.PressAsync("Alt+ArrowDown");
        await Expect(kim.Title).ToHaveTextAsync("#dev");
        Assert.Empty(PageErrors);
    }

    [Fact]
    public async Task OlderMessagesLoadWhenScrollingUp()
    {
        using var database = new TempDatabase();
        await using var server = await StartServerAsync([.. database.Settings, "Chat:Limits:MessagesPerSecond=1000", "Chat:Limits:MessageBurst=1000"]);
        await using var carol = await server.ConnectTextAsync("carol");
        for (var i = 1; i <= 70; i++)
        {
            await carol.SendAsync($"line {i:00}");
        }

        var bob = await SignInAsync(server, "bob");

        // On join the server sends the last messages; the rest come in pages of 50 when the reader scrolls up.
        await Expect(bob.Entry("line 70")).ToBeVisibleAsync();
        await Expect(bob.Entry("line 01")).ToHaveCountAsync(0);
        await bob.Log.EvaluateAsync("log => log.scrollTop = 0");
        await Expect(bob.Entry("line 01")).ToHaveCountAsync(1);
        await Expect(bob.Page.Locator("#log .entry.message")).ToHaveCountAsync(70);
        await Expect(bob.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Load older messages" })).ToBeHiddenAsync();
        Assert.Empty(PageErrors);
    }

    private static Task<TestServer> StartServerAsync(params string[] settings) =>
        TestServer.StartAsync(settings);

    private async Task<ChatPage> SignInAsync(TestServer server, string name)
    {
        var page = new ChatPage(await OpenAsync($"http://127.0.0.1:{server.HttpPort}/", name));
        await page.SignInAsync(name);
        return page;
    }

    [GeneratedRegex("^blob:")]
    private static partial Regex BlobUrl();
}
