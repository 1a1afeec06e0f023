using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// The audit-log page (docs/security.md, "Audit log"): an admin sees who signed in and who failed,
/// filters by action, sees the upward relay's panel, and the page is not offered to anyone else.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AuditPageTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    [Fact]
    public async Task An_admin_reads_the_audit_log_with_filters_and_an_inspector_is_not_offered_it()
    {
        var station = TestStation.Water("AuditPark", "Audit test WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);

        // A viewer's wrong password, then an inspector, who is not offered the audit page.
        await using (var inspector = await chromium.OpenAsync(host.BaseAddress))
        {
            await inspector.Page.GotoAsync("/");
            await inspector.Page.Locator("#login-name").FillAsync(TestUsers.Viewer.Name);
            await inspector.Page.Locator("#login-password").FillAsync("not-the-password");
            await inspector.Page.Locator("form.login button[type=submit]").ClickAsync();
            await Expect(inspector.Page.Locator("#login-error")).Not.ToBeEmptyAsync();
            await inspector.SignInAsync(TestUsers.Inspector.Name, TestUsers.Inspector.Password);
            await Expect(inspector.Page.Locator("#nav-inspect")).ToBeVisibleAsync();
            await Expect(inspector.Page.Locator("#nav-audit")).ToBeHiddenAsync();
        }

        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Admin.Name, TestUsers.Admin.Password);
        var nav = page.Page.Locator("#nav-audit");
        await Expect(nav).ToHaveTextAsync("Nhật ký");
        await nav.ClickAsync();

        // Today's entries, newest first: the admin's own sign-in, the failure, the inspector's sign-in.
        var rows = page.Page.Locator("#audit-table tbody tr");
        await Expect(page.Page.Locator("#audit-table tbody tr[data-action=sign-in] td:nth-child(3)"))
            .ToHaveTextAsync([TestUsers.Admin.Name, TestUsers.Inspector.Name], new() { Timeout = 15_000 });
        await Expect(page.Page.Locator("#audit-table tbody tr[data-action=sign-in-failed] td:nth-child(3)")).ToHaveTextAsync([TestUsers.Viewer.Name]);
        // The relay's panel under it: no destination is configured here (docs/relay.md).
        await Expect(page.Page.Locator("#relay-panel")).ToContainTextAsync("Chưa cấu hình nơi nhận nào");
        await Screenshots.TakeAsync(page.Page, "audit");

        // Filtered to failed sign-ins: that one row alone.
        await page.Page.Locator("#audit-action").SelectOptionAsync("sign-in-failed");
        await page.Page.Locator("#audit-show").ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.Locator("td:nth-child(2)")).ToHaveTextAsync("đăng nhập sai");
        Assert.Empty(page.ScriptErrors);
    }
}
