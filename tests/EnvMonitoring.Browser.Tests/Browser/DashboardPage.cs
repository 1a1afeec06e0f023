using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests.Browser;

/// <summary>
/// The dashboard in one browser context, seen the way a person uses it: sign in, read tiles and
/// the alert feed, press buttons. Script errors on the page, and anything the host's content
/// security policy made Chromium refuse, are collected and fail the test.
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _scriptErrors = [];

    internal DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => _scriptErrors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _scriptErrors.Add("CSP violation: " + message.Text);
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Uncaught exceptions raised by the page's scripts so far, and content-security-policy violations.</summary>
    public IReadOnlyList<string> ScriptErrors => _scriptErrors;

    /// <summary>The connection indicator in the header.</summary>
    public ILocator Connection => Page.Locator("#connection");

    public ILocator AlertList => Page.Locator("#alert-list");

    public ILocator Tile(string station) => Page.Locator($"li[data-station=\"{station}\"] a.tile");

    public ILocator TileValue(string station, string parameter) => Tile(station).Locator($".value[data-param=\"{parameter}\"] .num");

    public ILocator Alert(string station, string parameter) =>
        Page.Locator($"li.alert:has(a.alert-station:text-is(\"{station}\")):has(.alert-param:text-is(\"{parameter}\"))");

    /// <summary>Opens the app, signs in through the form and waits for the live feed to be connected.</summary>
    public async Task SignInAsync(string name, string password)
    {
        await Page.GotoAsync("/");
        await Page.Locator("#login-name").FillAsync(name);
        await Page.Locator("#login-password").FillAsync(password);
        await Page.Locator("form.login button[type=submit]").ClickAsync();
        await ExpectConnectedAsync();
    }

    public Task ExpectConnectedAsync(float timeoutMs = 15_000) =>
        Expect(Connection).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = timeoutMs });

    /// <summary>Selects the alert feed's filter by its visible label.</summary>
    public Task FilterAlertsAsync(string filter, string value) =>
        Page.Locator($"#filter-{filter}").SelectOptionAsync(value);

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
