using Microsoft.Playwright;

namespace Chat.Tests.Web;

/// <summary>
/// Base of the browser tests: opens pages, each in its own browser context (its own storage, like a separate
/// person), and records what the pages report as errors. When a test fails, every page it opened leaves a
/// screenshot in <c>screenshots/</c> under the test output folder (bin/Debug/net10.0).
/// </summary>
[Collection(BrowserTests.Name)]
public abstract class BrowserTest(Chromium chromium) : IAsyncLifetime
{
    public static readonly string ScreenshotFolder = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private readonly List<(string Name, IBrowserContext Context, IPage Page)> _pages = [];

    static BrowserTest() => Assertions.SetDefaultExpectTimeout(10_000);

    /// <summary>Console errors, uncaught exceptions and CSP violations of every page, prefixed by its name.</summary>
    public List<string> PageErrors { get; } = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Opens <paramref name="url"/> in a new context; <paramref name="name"/> labels its errors and screenshot.</summary>
    public async Task<IPage> OpenAsync(string url, string name, ViewportSize? viewport = null)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport });
        var page = await context.NewPageAsync();
        _pages.Add((name, context, page));
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                PageErrors.Add($"{name}: console: {message.Text}");
            }
        };
        page.PageError += (_, error) => PageErrors.Add($"{name}: uncaught: {error}");
        await page.GotoAsync(url);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        // xunit sets the result before the test class is disposed.
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            Directory.CreateDirectory(ScreenshotFolder);
            var test = TestContext.Current.Test?.TestDisplayName ?? "test";
            foreach (var (name, _, page) in _pages)
            {
                var file = Path.Combine(ScreenshotFolder, $"{Sanitize(test)}-{name}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                TestContext.Current.SendDiagnosticMessage($"Screenshot of {name}: {file}");
            }
        }

        foreach (var (_, context, _) in _pages)
        {
            await context.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private static string Sanitize(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
}
