using Microsoft.Playwright;

namespace Chat.Tests.Web;

/// <summary>
/// One headless Debian Chromium for all browser tests (test.sh installs it). Playwright's driver ships in its
/// NuGet package; the browser is never downloaded, so the launch names Debian's binary.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: run ./test.sh, or apt-get install -y chromium.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>Browser tests share one Chromium and run one at a time: each drives several pages and a server on 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserTests : ICollectionFixture<Chromium>
{
    public const string Name = "Browser";
}
