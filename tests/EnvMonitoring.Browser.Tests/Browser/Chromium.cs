using EnvMonitoring.Testing;
using Microsoft.Playwright;

namespace EnvMonitoring.Browser.Tests.Browser;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>) driven by Playwright, headless, one browser per
/// test collection; every page gets its own context (cookies, storage), like a separate person.
/// Playwright never downloads a browser here: <c>./envmon test</c> installs the Debian package.
/// The dashboard is served over HTTPS as shipped, with the server certificate of <see cref="Certificates"/>
/// (a test CA made for this browser): Chromium is told that certificate's public key
/// (<c>--ignore-certificate-errors-spki-list</c>), so it accepts exactly that certificate and still
/// refuses any other one it cannot verify — no blanket ignoring of certificate errors. Playwright's
/// own request client (<c>page.APIRequest</c>, in its Node.js driver) trusts the test CA.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // Without the background-networking flags Chromium keeps calling Google's hosts, which this
    // machine's closed network refuses; the sandbox needs user namespaces a root container lacks.
    private static readonly string[] Arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private const string NodeExtraCaCertificates = "NODE_EXTRA_CA_CERTS";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private TestCertificates? _certificates;

    /// <summary>The running browser, once xUnit has initialised the fixture.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not been started by xUnit.");

    /// <summary>The test CA and the server certificate this browser accepts; hosts the tests start serve HTTPS with it.</summary>
    public TestCertificates Certificates => _certificates ?? throw new InvalidOperationException("Chromium has not been started by xUnit.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: install Debian's chromium (apt-get install chromium; ./envmon test does it).");
        }

        _certificates = TestCertificates.Create();
        // Requests made with page.APIRequest come from Playwright's Node.js driver, not from Chromium:
        // the driver trusts the test CA (besides the system's) through NODE_EXTRA_CA_CERTS, which
        // Node reads once when the driver starts.
        var previous = Environment.GetEnvironmentVariable(NodeExtraCaCertificates);
        Environment.SetEnvironmentVariable(NodeExtraCaCertificates, _certificates.CaPath);
        try
        {
            _playwright = await Playwright.CreateAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable(NodeExtraCaCertificates, previous);
        }

        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = [.. Arguments, $"--ignore-certificate-errors-spki-list={_certificates.ServerSpkiSha256}"],
        });
    }

    /// <summary>A fresh context and page (desktop 1920×1080 unless told), in the dashboard's zone-free default locale.</summary>
    public async Task<DashboardPage> OpenAsync(Uri baseAddress, int width = 1920, int height = 1080, string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            // The browser's own zone differs from the province's on purpose: every time shown must still be UTC+7.
            TimezoneId = "Europe/Berlin",
            // Given (e.g. en-US): the browser's own language and formats, which the dashboard must not follow.
            Locale = locale,
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
        _certificates?.Dispose();
    }
}
