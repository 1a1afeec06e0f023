using Microsoft.Playwright;

namespace EnvMonitoring.Browser.Tests.Browser;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>) driven by Playwright, headless, one browser per
/// test collection; every page gets its own context (cookies, storage), like a separate person.
/// Playwright never downloads a browser here: <c>./envmon test</c> installs the Debian package.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // Without the background-networking flags Chromium keeps calling Google's hosts, which this
    // machine's closed network refuses; the sandbox needs user namespaces a root container lacks.
    private static readonly string[] Arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running browser, once xUnit has initialised the fixture.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not been started by xUnit.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: install Debian's chromium (apt-get install chromium; ./envmon test does it).");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
    }

    /// <summary>A fresh context and page (desktop 1920×1080 unless told), in the dashboard's zone-free default locale.</summary>
    public async Task<DashboardPage> OpenAsync(Uri baseAddress, int width = 1920, int height = 1080)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            // The browser's own zone differs from the province's on purpose: every time shown must still be UTC+7.
            TimezoneId = "Europe/Berlin",
        });
        var page = await context.NewPageAsync();
        return new DashboardPage(context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
