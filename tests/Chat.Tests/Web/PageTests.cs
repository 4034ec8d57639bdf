using Chat.Host;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Web;

/// <summary>The page itself, served by the real host; needs no chat connection.</summary>
public sealed class PageTests(Chromium chromium) : BrowserTest(chromium)
{
    [Fact]
    public async Task ThePageLoadsUnderItsContentSecurityPolicyWithoutErrorsAndAsksForAName()
    {
        await using var server = await TestServer.StartAsync();
        var page = await OpenAsync($"http://127.0.0.1:{server.HttpPort}/", "page");

        await Expect(page).ToHaveTitleAsync("ChatApp");
        // Focus on the name field shows that the module graph loaded and ran.
        await Expect(page.GetByLabel("Your name")).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Enter the chat" })).ToBeVisibleAsync();
        await Expect(page.Locator("#chat")).ToBeHiddenAsync();
        Assert.Empty(PageErrors);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/app.css")]
    public async Task ThePagesFilesComeWithTheContentSecurityPolicy(string path)
    {
        await using var server = await TestServer.StartAsync();
        using var http = new HttpClient();
        using var response = await http.GetAsync($"http://127.0.0.1:{server.HttpPort}{path}", TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        Assert.Equal([ChatPageHeaders.ContentSecurityPolicy], response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
    }

    [Fact]
    public async Task TheLineSplitterRebuildsLinesFromFramesThatSplitOrMergeThem()
    {
        await using var server = await TestServer.StartAsync();
        var page = await OpenAsync($"http://127.0.0.1:{server.HttpPort}/", "page");

        var lines = await page.EvaluateAsync<string[]>("""
            async () => {
              const { LineSplitter } = await import("/connection.js");
              const splitter = new LineSplitter();
              const lines = [];
              // One byte per binary frame: the two- and three-byte characters arrive split.
              for (const byte of new TextEncoder().encode('{"text":"h\u00e9llo \u20ac"}\n')) {
                lines.push(...splitter.push(new Uint8Array([byte]).buffer));
              }
              for (const frame of ["first\r\nsec", "ond\nthird\n\nfour", "th", "\n"]) lines.push(...splitter.push(frame));
              return lines;
            }
            """);

        Assert.Equal(["{\"text\":\"h\u00e9llo \u20ac\"}", "first", "second", "third", "", "fourth"], lines);
        Assert.Empty(PageErrors);
    }
}
