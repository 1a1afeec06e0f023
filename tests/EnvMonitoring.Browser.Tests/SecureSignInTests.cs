using System.Net;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Protocol.Security;
using EnvMonitoring.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// Issue 14, "Sign-in that holds": the dashboard as a person's browser gets it — over HTTPS with the
/// certificate of a CA the browser was given, HSTS on, the session cookie out of the page's reach and
/// never sent in the clear or across sites, the live feed over wss://. The browser accepts that one
/// certificate, not any certificate.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SecureSignInTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    [Fact]
    public async Task The_dashboard_is_served_over_https_with_hsts_and_signs_in_with_a_secure_httponly_strict_cookie()
    {
        var station = TestStation.Water("TlsPark", "HTTPS test WWTP");
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [station], log);
        await using var page = await chromium.OpenAsync(host.BaseAddress);
        var sockets = new List<string>();
        page.Page.WebSocket += (_, socket) => sockets.Add(socket.Url);

        var response = await page.Page.GotoAsync("/");

        Assert.NotNull(response);
        Assert.True(response.Ok, $"GET / answered {response.Status}");
        Assert.StartsWith($"https://127.0.0.1:{host.Process.HttpPort}/", page.Page.Url, StringComparison.Ordinal);
        Assert.Equal("max-age=31536000", response.Headers["strict-transport-security"]);
        var tls = await response.SecurityDetailsAsync();
        Assert.Equal("EnvMonitoring test CA", tls?.Issuer);
        Assert.True(await page.Page.EvaluateAsync<bool>("() => window.isSecureContext"));

        await page.SignInAsync(TestUsers.Operator.Name, TestUsers.Operator.Password);

        var cookie = Assert.Single(await page.Page.Context.CookiesAsync(), c => c.Name == "envmon.auth");
        Assert.True(cookie.Secure, "the session cookie is not Secure");
        Assert.True(cookie.HttpOnly, "the session cookie is readable by scripts");
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain("envmon.auth", await page.Page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);
        await host.PublishAsync(station, new Dictionary<string, double> { ["COD"] = 41 });
        await Expect(page.TileValue(station.Station, "COD")).ToHaveTextAsync("41");
        Assert.NotEmpty(sockets);
        Assert.All(sockets, url => Assert.StartsWith("wss://", url, StringComparison.Ordinal));
        Assert.Empty(page.ScriptErrors);
    }

    [Fact]
    public async Task Chromium_refuses_a_server_whose_certificate_it_was_not_given()
    {
        // Same names (127.0.0.1, localhost), another CA: only the pinned certificate may pass.
        using var other = TestCertificates.Create();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = other.Directory });
        builder.Logging.ClearProviders();
        using var certificate = new TlsCertificateFile { CertificatePath = other.ServerCertificatePath, KeyPath = other.ServerKeyPath }.LoadCertificate("test");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        await using var impostor = builder.Build();
        impostor.MapGet("/", () => Results.Text("<p>not the dashboard</p>", "text/html"));
        await impostor.StartAsync();
        await using var page = await chromium.OpenAsync(new Uri(impostor.Urls.Single()));

        var refused = await Assert.ThrowsAsync<PlaywrightException>(() => page.Page.GotoAsync("/"));

        Assert.Contains("ERR_CERT_AUTHORITY_INVALID", refused.Message, StringComparison.Ordinal);
        await impostor.StopAsync();
    }
}
