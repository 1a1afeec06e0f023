using System.Net;
using System.Net.Http.Json;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Http;

/// <summary>
/// Issue 14, "Sign-in that holds", HTTPS: the real host process behind Kestrel, serving HTTPS with a
/// certificate of the test CA and, for people who type http://, a plain HTTP listener that only
/// redirects. HTTPS answers carry HSTS, the sign-in cookie is Secure, the same-origin check takes the
/// https origin; without an https address the host serves plain HTTP and says so.
/// </summary>
public sealed class HttpsTests(HttpsHostFixture fixture) : IClassFixture<HttpsHostFixture>
{
    private const string OneYear = "max-age=31536000";

    [Theory]
    [InlineData("/")]
    [InlineData("/app/main.js")]
    [InlineData("/api/health")]
    [InlineData("/api/stations")]
    public async Task Https_responses_carry_hsts_for_a_year_without_preload_or_subdomains(string path)
    {
        using var anonymous = fixture.Cloud.AnonymousClient();

        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(Uri.UriSchemeHttps, response.RequestMessage!.RequestUri!.Scheme);
        Assert.Equal(OneYear, Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        Assert.True(response.Headers.Contains("Content-Security-Policy"), $"{path} lost the other security headers");
    }

    [Theory]
    [InlineData("GET", "/api/stations?park=x")]
    [InlineData("GET", "/")]
    [InlineData("POST", "/api/auth/login")]
    public async Task Plain_http_is_redirected_to_the_https_address_with_no_hsts_and_no_cookie(string method, string path)
    {
        using var plain = HttpsClient.Create(new Uri($"http://127.0.0.1:{fixture.PlainHttpPort}/"), caPath: null);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { name = TestUsers.Operator.Name, password = TestUsers.Operator.Password });
        }

        using var response = await plain.SendAsync(request);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri(fixture.Cloud.BaseAddress, path), response.Headers.Location);
        // HSTS sent over plain HTTP could be injected by anyone on the path: browsers ignore it, we never send it.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.False(response.Headers.Contains("Set-Cookie"), "a sign-in over plain HTTP must not get a session");
    }

    [Fact]
    public async Task The_sign_in_cookie_over_https_is_secure_httponly_and_samesite_strict_and_works()
    {
        using var browser = fixture.Cloud.AnonymousClient();
        using var login = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/auth/login", UriKind.Relative))
        {
            Content = JsonContent.Create(new { name = TestUsers.Operator.Name, password = TestUsers.Operator.Password }),
        };
        login.Headers.Add("Origin", fixture.Cloud.BaseAddress.GetLeftPart(UriPartial.Authority));
        login.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await browser.SendAsync(login);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("envmon.auth=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);

        using var me = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/auth/me", UriKind.Relative));
        me.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(me)).StatusCode);
    }

    [Theory]
    [InlineData("https", HttpStatusCode.OK)]
    [InlineData("http", HttpStatusCode.Forbidden)]
    public async Task The_same_origin_check_takes_the_https_origin_and_refuses_the_same_host_over_http(string scheme, HttpStatusCode expected)
    {
        using var browser = fixture.Cloud.AnonymousClient();
        using var login = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/auth/login", UriKind.Relative))
        {
            Content = JsonContent.Create(new { name = TestUsers.Viewer.Name, password = TestUsers.Viewer.Password }),
        };
        // The same host and port, but a page served over http:// is another origin.
        login.Headers.Add("Origin", $"{scheme}://127.0.0.1:{fixture.Cloud.HttpPort}");

        using var response = await browser.SendAsync(login);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Without_an_https_address_the_host_serves_plain_http_with_no_hsts_no_redirect_and_a_cookie_as_the_request_came()
    {
        await using var cloud = await CloudProcess.StartAsync(new CloudProcessSettings
        {
            Influx = fixture.Influx,
            Database = $"plain_{Guid.NewGuid():N}",
            BrokerPort = FreePort.Next(),
        });
        using var browser = cloud.AnonymousClient();

        using var page = await browser.GetAsync(new Uri("/", UriKind.Relative));
        using var login = await browser.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { name = TestUsers.Operator.Name, password = TestUsers.Operator.Password });

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("envmon.auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie.Split(';', StringSplitOptions.TrimEntries).Select(a => a.ToLowerInvariant()));
        Assert.Contains("samesite=strict", cookie.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("Serving plain HTTP", cloud.OutputTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_https_address_without_a_certificate_stops_the_host_naming_the_setting()
    {
        var (exitCode, output) = await CloudProcess.RunRefusedAsync(new CloudProcessSettings
        {
            Influx = fixture.Influx,
            Database = $"nocert_{Guid.NewGuid():N}",
            BrokerPort = FreePort.Next(),
            Extra = new Dictionary<string, string> { ["Urls"] = $"https://127.0.0.1:{FreePort.Next()}" },
        }, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Https:CertificatePath", output, StringComparison.Ordinal);
    }
}

/// <summary>A private InfluxDB, the test CA, and one host serving HTTPS with a redirecting plain HTTP listener beside it.</summary>
public sealed class HttpsHostFixture : IAsyncLifetime
{
    private InfluxServer? _influx;
    private TestCertificates? _certificates;
    private CloudProcess? _cloud;

    public InfluxServer Influx => _influx ?? throw new InvalidOperationException("not started");

    public CloudProcess Cloud => _cloud ?? throw new InvalidOperationException("not started");

    public int PlainHttpPort { get; } = FreePort.Next();

    public async Task InitializeAsync()
    {
        _influx = await InfluxServer.StartAsync();
        _certificates = TestCertificates.Create();
        _cloud = await CloudProcess.StartAsync(new CloudProcessSettings
        {
            Influx = _influx,
            Database = $"https_{Guid.NewGuid():N}",
            BrokerPort = FreePort.Next(),
            Tls = _certificates,
            PlainHttpPort = PlainHttpPort,
        });
    }

    public async Task DisposeAsync()
    {
        if (_cloud is not null)
        {
            Assert.Empty(_cloud.LoggedErrors);
            await _cloud.DisposeAsync();
        }

        if (_influx is not null)
        {
            await _influx.DisposeAsync();
        }

        _certificates?.Dispose();
    }
}
