using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EnvMonitoring.Browser.Tests.Browser;

/// <summary>axe-core on the page as it is now: no serious or critical WCAG violation.</summary>
internal static class AxeCheck
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{where}: " + string.Join("\n", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} — " + string.Join("; ", violation.Nodes.Take(5).Select(n => n.Html));
}
