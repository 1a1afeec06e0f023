using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Alerts;

/// <summary>The whole HTTP surface needs a signed-in user with the right role: 401 without, 403 with the wrong role.</summary>
public sealed class SecurityTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>, IAsyncLifetime
{
    private CloudHost _cloud = null!;

    public async Task InitializeAsync() => _cloud = await CloudHost.StartAsync(influx.Server, $"security_{Guid.NewGuid():N}", new AlertStation("SecPark", "SEC-01").Settings());

    public async Task DisposeAsync() => await _cloud.DisposeAsync();

    [Theory]
    [InlineData("GET", "/api/stations")]
    [InlineData("GET", "/api/alerts")]
    [InlineData("GET", "/api/readings?station=SEC-01&param=COD")]
    [InlineData("GET", "/api/quarantine")]
    [InlineData("GET", "/api/audit")]
    [InlineData("GET", "/api/relay")]
    [InlineData("GET", "/api/auth/me")]
    [InlineData("POST", "/api/alerts/SEC-01/COD/Instantaneous/1/acknowledge")]
    [InlineData("POST", "/hubs/live/negotiate?negotiateVersion=1")]
    public async Task Anonymous_requests_get_401(string method, string path)
    {
        using var anonymous = _cloud.ClientFor(null);
        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/health")]
    [InlineData("/metrics")]
    public async Task Health_and_metrics_stay_open_for_probes(string path)
    {
        using var anonymous = _cloud.ClientFor(null);
        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_gets_401()
    {
        using var client = _cloud.ClientFor(new TestUser(TestUsers.Admin.Name, "not-the-password", "admin"));
        using var response = await client.GetAsync(new Uri("/api/stations", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("viewer", "POST", "/api/alerts/SEC-01/COD/Instantaneous/1/acknowledge", HttpStatusCode.Forbidden)]
    [InlineData("viewer", "POST", "/api/alerts/SEC-01/COD/Instantaneous/1/resolve", HttpStatusCode.Forbidden)]
    [InlineData("viewer", "GET", "/api/quarantine", HttpStatusCode.Forbidden)]
    [InlineData("inspector", "POST", "/api/alerts/SEC-01/COD/Instantaneous/1/acknowledge", HttpStatusCode.Forbidden)]
    [InlineData("operator", "GET", "/api/quarantine", HttpStatusCode.Forbidden)]
    [InlineData("viewer", "GET", "/api/stations", HttpStatusCode.OK)]
    [InlineData("viewer", "GET", "/api/alerts", HttpStatusCode.OK)]
    [InlineData("operator", "POST", "/api/alerts/SEC-01/COD/Instantaneous/1/acknowledge", HttpStatusCode.NotFound)]
    [InlineData("admin", "GET", "/api/quarantine", HttpStatusCode.OK)]
    [InlineData("operator", "GET", "/api/audit", HttpStatusCode.Forbidden)]
    [InlineData("inspector", "GET", "/api/audit", HttpStatusCode.Forbidden)]
    [InlineData("admin", "GET", "/api/audit", HttpStatusCode.OK)]
    [InlineData("operator", "GET", "/api/relay", HttpStatusCode.Forbidden)]
    [InlineData("admin", "GET", "/api/relay", HttpStatusCode.OK)]
    public async Task Each_role_gets_what_it_may_and_403_otherwise(string role, string method, string path, HttpStatusCode expected)
    {
        using var client = _cloud.ClientFor(TestUsers.All.Single(u => u.Role == role));
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { note = "checked on site" });
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/alerts/SEC-01/CO%0AD/Instantaneous/1/events")]
    [InlineData("GET", "/api/alerts/SEC-01%0D%0A/COD/Instantaneous/1/events")]
    [InlineData("POST", "/api/alerts/SEC-01/COD/Instantaneous%0A/1/acknowledge")]
    [InlineData("POST", "/api/alerts/SEC-01/COD/NoSuchRule/1/resolve")]
    [InlineData("POST", "/api/alerts/SEC-01/CO'D/Instantaneous/1/resolve")]
    public async Task A_malformed_alert_id_is_404_and_not_echoed(string method, string path)
    {
        using var client = _cloud.ClientFor(TestUsers.Admin);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { note = "checked on site" });
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("SEC-01", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_browser_signs_in_with_a_cookie_and_out_again()
    {
        using var browser = _cloud.ClientFor(null);
        using (var refused = await browser.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { name = TestUsers.Operator.Name, password = "wrong" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var login = await browser.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { name = TestUsers.Operator.Name, password = TestUsers.Operator.Password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("envmon.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        }

        var me = await browser.GetFromJsonAsync<JsonElement>(new Uri("/api/auth/me", UriKind.Relative));
        Assert.Equal(TestUsers.Operator.Name, me.GetProperty("name").GetString());
        Assert.Equal(["operator"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        using (var logout = await browser.PostAsync(new Uri("/api/auth/logout", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var after = await browser.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
