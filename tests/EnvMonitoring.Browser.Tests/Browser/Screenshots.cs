using EnvMonitoring.Integration.Tests.Launcher;
using Microsoft.Playwright;

namespace EnvMonitoring.Browser.Tests.Browser;

/// <summary>
/// The pictures of docs/dashboard.md: taken into <c>docs/img/</c> only when
/// <c>ENVMON_SCREENSHOTS=1</c>, so ordinary test runs never touch the repository.
/// </summary>
internal static class Screenshots
{
    public static bool Enabled => Environment.GetEnvironmentVariable("ENVMON_SCREENSHOTS") == "1";

    public static async Task TakeAsync(IPage page, string name)
    {
        if (Enabled)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PathOf(name) });
        }
    }

    /// <summary>Only the element, e.g. the alert feed.</summary>
    public static async Task TakeAsync(ILocator element, string name)
    {
        if (Enabled)
        {
            await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = PathOf(name) });
        }
    }

    private static string PathOf(string name)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "docs", "img");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{name}.png");
    }
}
