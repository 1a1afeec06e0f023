using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// The administration page (docs/dashboard.md, "Administration") over the real host's admin API:
/// field errors next to their fields in Vietnamese, the limits previewed while typing, another
/// admin's change shown on a 409, passwords shown once, and nothing of it for a park's operator.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AdminPageTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    [Fact]
    public async Task A_station_form_previews_its_limits_and_shows_the_servers_field_errors_in_Vietnamese_next_to_the_field()
    {
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [TestStation.Water("AdminSeed", "Seed WWTP")], log);
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Admin.Name, TestUsers.Admin.Password);
        await page.Page.Locator("#nav-admin").ClickAsync();

        // A park, made in the browser.
        await page.Page.Locator("#admin-new").ClickAsync();
        await page.Page.Locator("#admin-id").FillAsync("AdminPark");
        await page.Page.Locator("#admin-name").FillAsync("KCN Thử nghiệm");
        await page.Page.Locator("#admin-save").ClickAsync();
        await Expect(page.Page.Locator("#admin-parks tbody tr[data-id=AdminPark]")).ToContainTextAsync("KCN Thử nghiệm");

        // A station under QCVN 40:2011 column B discharging 1 200 m³/day into a river of 30 m³/s: COD 150 × Kq 0.9 × Kf 1 = 135.
        await page.Page.Locator("#admin-tab-stations").ClickAsync();
        await page.Page.Locator("#admin-new").ClickAsync();
        await page.Page.Locator("#admin-station").FillAsync("ADM-WWTP-01");
        await page.Page.Locator("#admin-param-COD").CheckAsync();
        await page.Page.Locator("#admin-param-pH").CheckAsync();
        await page.Page.Locator("#admin-regulation").SelectOptionAsync("QCVN 40:2011/BTNMT");
        await page.Page.Locator("#admin-column").SelectOptionAsync("B");
        await page.Page.Locator("#admin-site-dischargeM3PerDay").FillAsync("1200");
        await page.Page.Locator("#admin-site-riverDrySeasonFlowM3PerS").FillAsync("30");
        var cod = page.Page.Locator("#admin-preview li[data-param=COD] .preview-basis");
        await Expect(cod).ToContainTextAsync("150 × Kq 0,9", new() { Timeout = 10_000 });
        await Expect(cod).ToContainTextAsync("= 135 mg/L");

        // An interval that does not divide an hour: the server's Vietnamese words under the field, which gets the focus.
        var interval = page.Page.Locator("#admin-expectedInterval");
        await interval.FillAsync("00:07:00");
        await page.Page.Locator("#admin-save").ClickAsync();
        await Expect(page.Page.Locator("#admin-expectedInterval-error")).ToContainTextAsync("Chu kỳ gửi dữ liệu (expectedInterval) phải từ 1 giây đến 1 giờ");
        await Expect(interval).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(interval).ToBeFocusedAsync();
        await Expect(page.Page.Locator("#admin-stations tbody tr[data-id=ADM-WWTP-01]")).ToHaveCountAsync(0);
        await AxeCheck.AssertNoSeriousViolationsAsync(page.Page, "the station form with a field error and its preview");
        await Screenshots.TakeAsync(page.Page, "admin-station");

        // Corrected, it is stored with the limits the preview showed.
        await interval.FillAsync("00:05:00");
        await page.Page.Locator("#admin-save").ClickAsync();
        await Expect(page.Page.Locator("#admin-stations tbody tr[data-id=ADM-WWTP-01]")).ToContainTextAsync("QCVN 40:2011/BTNMT");
        using var stored = await host.Http.GetAsync(new Uri("/api/admin/stations/ADM-WWTP-01", UriKind.Relative));
        var item = (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("item");
        Assert.Equal("B", item.GetProperty("column").GetString());
        Assert.Equal(1200, item.GetProperty("site").GetProperty("dischargeM3PerDay").GetDecimal());
        Assert.Equal("00:05:00", item.GetProperty("expectedInterval").GetString());
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task A_save_over_another_admins_change_shows_their_change_and_may_overwrite_it()
    {
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [TestStation.Water("AdminSeed", "Seed WWTP")], log);
        using (var created = await host.Http.PostAsJsonAsync(new Uri("/api/admin/parks", UriKind.Relative), new { id = "RacePark", name = "Tên ban đầu" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // On a phone: the page and its form fit the width (the list scrolls inside its own frame).
        await using var page = await chromium.OpenAsync(host.BaseAddress, 390, 844);
        await page.SignInAsync(TestUsers.Admin.Name, TestUsers.Admin.Password);
        await page.Page.GotoAsync("/#/admin");
        await page.Page.Locator("#admin-parks tbody tr[data-id=RacePark] button[data-action=edit]").ClickAsync();
        Assert.True(await page.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the admin page scrolls sideways on a phone");
        await page.Page.Locator("#admin-name").FillAsync("Tên của tôi");

        // Meanwhile another change at version 1.
        using (var other = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/admin/parks/RacePark", UriKind.Relative)))
        {
            other.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
            other.Content = JsonContent.Create(new { id = "RacePark", name = "Tên của người khác" });
            using var answer = await host.Http.SendAsync(other);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        await page.Page.Locator("#admin-save").ClickAsync();
        var conflict = page.Page.Locator("#admin-conflict");
        await Expect(conflict).ToContainTextAsync($"{TestUsers.Admin.Name} đã thay đổi mục này lúc");
        await Expect(conflict.Locator("dd[data-key=name]")).ToHaveTextAsync("Tên của người khác");
        await Expect(page.Page.Locator("#admin-name")).ToHaveValueAsync("Tên của tôi");

        await page.Page.Locator("#admin-conflict-overwrite").ClickAsync();
        await Expect(page.Page.Locator("#admin-parks tbody tr[data-id=RacePark]")).ToContainTextAsync("Tên của tôi");
        var park = await host.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/admin/parks/RacePark", UriKind.Relative));
        Assert.Equal("Tên của tôi", park.GetProperty("item").GetProperty("name").GetString());
        Assert.Equal(3, park.GetProperty("version").GetInt64());
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task Passwords_are_shown_once_and_a_park_operator_is_not_offered_the_page_and_is_refused_by_the_api()
    {
        var seed = TestStation.Water("GatePark", "Gate park WWTP");
        var parkOperator = new TestUser("t-park-operator", "park-operator-secret-1", ["operator"], [seed.Park]);
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [seed], log, parkOperator.Settings(4, "__"));
        using (var created = await host.Http.PostAsJsonAsync(new Uri("/api/admin/parks", UriKind.Relative), new { id = seed.Park }))
        {
            // Conflict once the store is seeded from the settings' stations (their park is there already).
            Assert.Contains(created.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict });
        }

        await using var page = await chromium.OpenAsync(host.BaseAddress);
        page.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.SignInAsync(TestUsers.Admin.Name, TestUsers.Admin.Password);
        await page.Page.GotoAsync("/#/admin");

        // A gateway: its username and password once, with the warning; not in the list after.
        await page.Page.Locator("#admin-tab-gateways").ClickAsync();
        await page.Page.Locator("#admin-new").ClickAsync();
        await page.Page.Locator("#admin-gateway").FillAsync("gate-1");
        await page.Page.Locator("#admin-save").ClickAsync();
        await Expect(page.Page.Locator("#admin-secret-username")).ToHaveTextAsync("gw-gate-1");
        await Expect(page.Page.Locator("#admin-secret")).ToContainTextAsync("chỉ hiển thị một lần");
        var first = await page.Page.Locator("#admin-secret-password").TextContentAsync();
        Assert.False(string.IsNullOrWhiteSpace(first));
        await page.Page.Locator("#admin-secret-close").ClickAsync();
        await Expect(page.Page.Locator("#admin-secret")).ToHaveCountAsync(0);
        await Expect(page.Page.Locator("#admin-gateways")).Not.ToContainTextAsync(first!);

        // Rotated with 30 minutes' grace: a new password once, and the list says until when the old one works.
        await page.Page.Locator("#admin-gateways tbody tr[data-id=gate-1] button[data-action=rotate]").ClickAsync();
        await page.Page.Locator("#admin-graceMinutes").FillAsync("30");
        await page.Page.Locator("#admin-save").ClickAsync();
        await Expect(page.Page.Locator("#admin-secret-password")).Not.ToHaveTextAsync(first!);
        await Expect(page.Page.Locator("#admin-gateways tbody tr[data-id=gate-1]")).ToContainTextAsync("mật khẩu cũ còn dùng được đến");
        await AxeCheck.AssertNoSeriousViolationsAsync(page.Page, "the gateways with a password shown once");

        // Disabled, then deleted after the confirmation.
        await page.Page.Locator("#admin-gateways tbody tr[data-id=gate-1] button[data-action=toggle]").ClickAsync();
        await Expect(page.Page.Locator("#admin-gateways tbody tr[data-id=gate-1]")).ToContainTextAsync("Tạm khóa");
        await page.Page.Locator("#admin-gateways tbody tr[data-id=gate-1] button[data-action=delete]").ClickAsync();
        await Expect(page.Page.Locator("#admin-gateways tbody tr[data-id=gate-1]")).ToHaveCountAsync(0);

        // A user bound to the park, with a password made by the server and shown once.
        await page.Page.Locator("#admin-tab-users").ClickAsync();
        await page.Page.Locator("#admin-new").ClickAsync();
        await page.Page.Locator("#admin-name").FillAsync("op-gate");
        await page.Page.Locator("#admin-user-role-viewer").UncheckAsync();
        await page.Page.Locator("#admin-user-role-operator").CheckAsync();
        await page.Page.Locator("#admin-user-all-parks").UncheckAsync();
        await Expect(page.Page.Locator($"#admin-user-park-{seed.Park}")).ToBeCheckedAsync();
        await page.Page.Locator("#admin-save").ClickAsync();
        await Expect(page.Page.Locator("#admin-secret-username")).ToHaveTextAsync("op-gate");
        var madePassword = await page.Page.Locator("#admin-secret-password").TextContentAsync();
        Assert.False(string.IsNullOrWhiteSpace(madePassword));
        await Expect(page.Page.Locator("#admin-users tbody tr[data-id=op-gate]")).ToContainTextAsync(seed.Park);
        var user = await host.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/admin/users/op-gate", UriKind.Relative));
        Assert.Equal(["operator"], user.GetProperty("item").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([seed.Park], user.GetProperty("item").GetProperty("parks").EnumerateArray().Select(r => r.GetString()));

        // A park's operator is not offered the page, does not get it by its address, and the API refuses them.
        await using var operatorPage = await chromium.OpenAsync(host.BaseAddress);
        await operatorPage.SignInAsync(parkOperator.Name, parkOperator.Password);
        await Expect(operatorPage.Page.Locator("#nav-admin")).ToBeHiddenAsync();
        Assert.Equal(403, await operatorPage.Page.EvaluateAsync<int>("async () => (await fetch('/api/admin/parks')).status"));
        await operatorPage.Page.GotoAsync("/#/admin");
        await Expect(operatorPage.Page.Locator("section.overview")).ToBeVisibleAsync();
        await Expect(operatorPage.Page.Locator(".admin")).ToHaveCountAsync(0);

        // "Change my password" is offered to them; two different new passwords are refused next to the field.
        await operatorPage.Page.Locator("#my-password").ClickAsync();
        await operatorPage.Page.Locator("#password-current").FillAsync(parkOperator.Password);
        await operatorPage.Page.Locator("#password-new").FillAsync("a-new-password-of-mine");
        await operatorPage.Page.Locator("#password-again").FillAsync("another-new-password");
        await operatorPage.Page.Locator("#password-save").ClickAsync();
        await Expect(operatorPage.Page.Locator("#password-again-error")).ToHaveTextAsync("Hai lần nhập mật khẩu mới không giống nhau.");
        await Expect(operatorPage.Page.Locator("#password-again")).ToBeFocusedAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(operatorPage.Page, "the change-password dialog with an error");

        // The user made here signs in with the password shown, bound to the park, and changes it: a wrong current one is said under its field.
        await using var madePage = await chromium.OpenAsync(host.BaseAddress);
        await madePage.SignInAsync("op-gate", madePassword!);
        await Expect(madePage.Page.Locator("#user")).ToContainTextAsync(seed.Park);
        await madePage.Page.Locator("#my-password").ClickAsync();
        await madePage.Page.Locator("#password-current").FillAsync("not-my-password");
        await madePage.Page.Locator("#password-new").FillAsync("a-new-password-of-mine");
        await madePage.Page.Locator("#password-again").FillAsync("a-new-password-of-mine");
        await madePage.Page.Locator("#password-save").ClickAsync();
        await Expect(madePage.Page.Locator("#password-current-error")).ToHaveTextAsync("Mật khẩu hiện tại không đúng.");
        await madePage.Page.Locator("#password-current").FillAsync(madePassword!);
        await madePage.Page.Locator("#password-save").ClickAsync();
        await Expect(madePage.Page.Locator("#password-status")).ToContainTextAsync("Đã đổi mật khẩu");
        using var basic = host.Process.AnonymousClient();
        basic.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("op-gate:a-new-password-of-mine")));
        using (var me = await basic.GetAsync(new Uri("/api/auth/me", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        Assert.Empty(page.ScriptErrors);
        Assert.Empty(operatorPage.ScriptErrors);
        Assert.Empty(madePage.ScriptErrors);
    }
}
