using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// An exceeding value raises an alert that reaches every open feed within 2 s; an operator
/// acknowledges and resolves it from the UI and other browsers follow; a viewer cannot.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AlertFeedTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    private static readonly TimeSpan ClearTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_operator_acknowledges_and_resolves_an_alert_and_another_browser_sees_each_change()
    {
        var station = TestStation.Water("AlertParkA", "Alert test WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);
        await using var operatorPage = await chromium.OpenAsync(host.BaseAddress);
        await using var otherPage = await chromium.OpenAsync(host.BaseAddress, 1366, 768);
        await operatorPage.SignInAsync(TestUsers.Operator.Name, TestUsers.Operator.Password);
        await otherPage.SignInAsync(TestUsers.Viewer.Name, TestUsers.Viewer.Password);
        await host.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 40, ["pH"] = 7 });
        await Expect(operatorPage.TileValue(station.Station, "COD")).ToHaveTextAsync("40");

        // 250 mg/L against a limit of 100: 2.5× the limit, the "from 2×" tier.
        await host.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 250, ["pH"] = 7 });
        var alert = operatorPage.Alert(station.Station, "COD");
        var seenElsewhere = otherPage.Alert(station.Station, "COD");
        await Expect(alert).ToBeVisibleAsync(new() { Timeout = 2000 });
        await Expect(seenElsewhere).ToBeVisibleAsync(new() { Timeout = 2000 });
        await Expect(alert).ToHaveAttributeAsync("data-severity", "from2");
        // The cue: highlighted, announced to screen readers, and a chime played (audio was unlocked by the sign-in click).
        await Expect(alert).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bis-new\b"));
        await Expect(operatorPage.Page.Locator("#alert-announcer")).ToContainTextAsync(station.Station);
        await Expect(operatorPage.AlertList).ToHaveAttributeAsync("data-chimes", "1");
        await Expect(alert.Locator(".alert-value")).ToContainTextAsync("250 mg/L");
        await Expect(operatorPage.Tile(station.Station)).ToHaveAttributeAsync("data-state", "exceeding");
        await Expect(operatorPage.Tile(station.Station)).ToHaveAttributeAsync("data-severity", "from2");

        await alert.Locator("button.act-acknowledge").ClickAsync();
        await alert.Locator("textarea").FillAsync("Đã gọi nhà máy");
        await alert.Locator("form.alert-form button[type=submit]").ClickAsync();
        await Expect(alert).ToHaveAttributeAsync("data-acknowledged", "true");
        await Expect(seenElsewhere).ToHaveAttributeAsync("data-acknowledged", "true");
        await Expect(seenElsewhere.Locator(".alert-ack")).ToContainTextAsync(TestUsers.Operator.Name);
        await Expect(seenElsewhere.Locator(".alert-ack")).ToContainTextAsync("Đã gọi nhà máy");

        // Resolving while the cause is active is refused; the form says why in the page's language (Vietnamese by default).
        await alert.Locator("button.act-resolve").ClickAsync();
        await alert.Locator("textarea").FillAsync("Too early");
        await alert.Locator("form.alert-form button[type=submit]").ClickAsync();
        await Expect(alert.Locator(".form-error")).ToContainTextAsync("nguyên nhân cảnh báo vẫn đang diễn ra");
        await Expect(alert).ToHaveAttributeAsync("data-resolved", "false");
        await alert.Locator("form.alert-form button[type=button]").ClickAsync();

        // The cause goes away: normal readings until the engine clears the alert (clear time 1 s).
        await Eventually.UntilAsync(async () =>
        {
            await host.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 40, ["pH"] = 7 });
            return await alert.GetAttributeAsync("data-active") == "false";
        }, ClearTimeout, "the alert is shown cleared after normal readings");

        var id = await alert.GetAttributeAsync("data-alert-id") ?? throw new InvalidOperationException("alert item without id");
        await alert.Locator("button.act-resolve").ClickAsync();
        await alert.Locator("textarea").FillAsync("Probe cleaned, values normal");
        await alert.Locator("form.alert-form button[type=submit]").ClickAsync();
        // Under the default filter (not resolved) it leaves both feeds…
        await Expect(alert).ToHaveCountAsync(0);
        await Expect(seenElsewhere).ToHaveCountAsync(0);
        // …and the filter "all" shows it resolved, with who and why.
        await otherPage.FilterAlertsAsync("state", "all");
        await Expect(seenElsewhere).ToHaveAttributeAsync("data-resolved", "true");
        await Expect(seenElsewhere.Locator(".alert-resolved")).ToContainTextAsync("Probe cleaned, values normal");

        // The shift log: after a reload (the page holds no resolved alert any more), today's log is read from
        // the server's stored events and lists it with who resolved it and why; another day holds nothing.
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Date;
        var day = $"from={Uri.EscapeDataString(new DateTimeOffset(today, TimeSpan.FromHours(7)).ToString("O", CultureInfo.InvariantCulture))}"
            + $"&to={Uri.EscapeDataString(new DateTimeOffset(today.AddDays(1), TimeSpan.FromHours(7)).ToString("O", CultureInfo.InvariantCulture))}";
        await Eventually.UntilAsync(async () => (await host.Http.GetStringAsync(new Uri($"api/alerts?{day}", UriKind.Relative))).Contains(id, StringComparison.Ordinal),
            ClearTimeout, "the resolution is stored");
        await otherPage.Page.ReloadAsync();
        await otherPage.ExpectConnectedAsync();
        await otherPage.FilterAlertsAsync("state", "log");
        await Expect(otherPage.Page.Locator("#filter-day")).ToHaveValueAsync(today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Expect(seenElsewhere).ToHaveAttributeAsync("data-resolved", "true");
        await Expect(seenElsewhere.Locator(".alert-resolved")).ToContainTextAsync(TestUsers.Operator.Name);
        await Expect(seenElsewhere.Locator(".alert-resolved")).ToContainTextAsync("Probe cleaned, values normal");
        await otherPage.Page.Locator("#filter-day").FillAsync("01/01/2020");
        await otherPage.Page.Locator("#filter-day").PressAsync("Enter");
        await Expect(seenElsewhere).ToHaveCountAsync(0);
        await Expect(otherPage.Page.Locator(".feed-empty")).ToHaveTextAsync("Không có cảnh báo nào được đóng trong ngày này.");
        Assert.Empty(operatorPage.ScriptErrors);
        Assert.Empty(otherPage.ScriptErrors);
    }

    [Fact]
    public async Task A_viewer_is_offered_no_acknowledge_and_the_server_refuses_one_with_403()
    {
        var station = TestStation.Water("AlertParkB", "Viewer test WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        await page.SignInAsync(TestUsers.Viewer.Name, TestUsers.Viewer.Password);

        await host.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 130 });
        var alert = page.Alert(station.Station, "COD");
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToHaveAttributeAsync("data-severity", "from1point1");
        await Expect(alert.Locator("button")).ToHaveCountAsync(0);
        await Expect(alert.Locator("textarea")).ToHaveCountAsync(0);
        var id = await alert.GetAttributeAsync("data-alert-id") ?? throw new InvalidOperationException("alert item without id");

        // The browser's own session (the cookie) is refused…
        var status = await page.Page.EvaluateAsync<int>(
            "async id => (await fetch(`/api/alerts/${id}/acknowledge`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ note: 'not mine to do' }) })).status",
            id);
        Assert.Equal(403, status);
        // …and so is the viewer over HTTP Basic, while the alert stays unacknowledged.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/alerts/{id}/acknowledge", UriKind.Relative))
        {
            Content = new StringContent("""{"note":"not mine to do"}""", new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Authorization = TestUsers.Viewer.BasicHeader;
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await Expect(alert).ToHaveAttributeAsync("data-acknowledged", "false");
        // The same request as an operator is accepted: the refusals above were about the role, not the path.
        using var allowed = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/alerts/{id}/acknowledge", UriKind.Relative))
        {
            Content = new StringContent("""{"note":"operator on it"}""", new MediaTypeHeaderValue("application/json")),
        };
        allowed.Headers.Authorization = TestUsers.Operator.BasicHeader;
        using var accepted = await host.Http.SendAsync(allowed);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await Expect(alert).ToHaveAttributeAsync("data-acknowledged", "true");
        Assert.Empty(page.ScriptErrors);
    }
}
