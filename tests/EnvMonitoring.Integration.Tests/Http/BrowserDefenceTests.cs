using System.Net;
using System.Net.Http.Json;
using EnvMonitoring.Integration.Tests.Alerts;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Http;

/// <summary>
/// Issue 14, items 4 and 5: a page of another site cannot make a signed-in browser change anything
/// (Origin / Sec-Fetch-Site), and every response carries the headers that keep the browser on our side.
/// </summary>
public sealed class BrowserDefenceTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>, IAsyncLifetime
{
    private const string Acknowledge = "/api/alerts/BD-01/COD/Instantaneous/1/acknowledge";
    private CloudHost _cloud = null!;

    public async Task InitializeAsync()
    {
        _cloud = await CloudHost.StartAsync(influx.Server, $"defence_{Guid.NewGuid():N}", new AlertStation("DefPark", "BD-01").Settings());
        _cloud.Log.Expect(e => e.Is("CrossSiteRefused"), "the tests send cross-site requests");
    }

    public async Task DisposeAsync() => await _cloud.DisposeAsync();

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "http://localhost.evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_cross_site_post_with_the_session_cookie_is_refused(string header, string value)
    {
        using var browser = await SignedInBrowserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Acknowledge, UriKind.Relative)) { Content = JsonContent.Create(new { note = "forged" }) };
        request.Headers.Add(header, value);

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Cross-site request refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboards_own_post_passes_the_check()
    {
        using var browser = await SignedInBrowserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Acknowledge, UriKind.Relative)) { Content = JsonContent.Create(new { note = "seen" }) };
        request.Headers.Add("Origin", browser.BaseAddress!.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await browser.SendAsync(request);

        // Past the check: the alert simply does not exist.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_cross_site_sign_in_is_refused()
    {
        using var browser = _cloud.ClientFor(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/auth/login", UriKind.Relative))
        {
            Content = JsonContent.Create(new { name = TestUsers.Operator.Name, password = TestUsers.Operator.Password }),
        };
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Api_clients_with_basic_credentials_are_not_browsers_and_pass()
    {
        using var client = _cloud.ClientFor(TestUsers.Operator);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Acknowledge, UriKind.Relative)) { Content = JsonContent.Create(new { note = "script" }) };
        request.Headers.Add("Origin", "https://tools.example");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app/main.js")]
    [InlineData("/api/health")]
    [InlineData("/api/stations")]
    public async Task Every_response_carries_the_browser_security_headers(string path)
    {
        using var anonymous = _cloud.ClientFor(null);

        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.False(response.Headers.Contains("Server"));
    }

    private async Task<HttpClient> SignedInBrowserAsync()
    {
        var browser = _cloud.ClientFor(null);
        using var login = await browser.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { name = TestUsers.Operator.Name, password = TestUsers.Operator.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("envmon.auth=", StringComparison.Ordinal)).Split(';')[0];
        browser.DefaultRequestHeaders.Add("Cookie", cookie);
        return browser;
    }
}

/// <summary>The same headers from the real host process behind Kestrel, which would otherwise announce itself in <c>Server</c>.</summary>
public sealed class KestrelHeaderTests
{
    [Fact]
    public async Task The_host_process_sends_no_server_header_and_the_security_headers()
    {
        await using var influx = await InfluxServer.StartAsync();
        await using var cloud = await CloudProcess.StartAsync(new CloudProcessSettings { Influx = influx, Database = "headers", BrokerPort = FreePort.Next() });

        foreach (var path in new[] { "/", "/api/health", "/api/stations" })
        {
            using var response = await cloud.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.False(response.Headers.Contains("Server"), $"{path} announces the server: {string.Join(", ", response.Headers.Select(h => h.Key))}");
            Assert.True(response.Headers.Contains("Content-Security-Policy"), $"{path} has no content security policy");
        }
    }
}
