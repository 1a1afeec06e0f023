using System.Net;
using System.Text.Json;
using EnvMonitoring.Browser.Tests.Browser;
using EnvMonitoring.Browser.Tests.Hosts;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Integration.Tests.Launcher;
using EnvMonitoring.Testing;
using Xunit.Abstractions;

namespace EnvMonitoring.Browser.Tests;

/// <summary>
/// The cloud host serves the dashboard's files and its npm packages (SignalR, uPlot, Leaflet) without
/// sign-in (the API behind them, the map's settings included, still needs one), and says clearly when
/// <c>npm ci</c> has not been run.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardFilesTests(InfluxServerFixture influx, Chromium chromium, ITestOutputHelper log)
{
    [Fact]
    public async Task The_app_and_its_vendor_files_are_served_without_sign_in_and_the_api_is_not()
    {
        await using var host = await DashboardHost.StartAsync(influx.Server, chromium.Certificates, [TestStation.Water("FilesPark", "Files test WWTP")], log);
        using var anonymous = host.Process.AnonymousClient();

        foreach (var (path, type) in new[]
        {
            ("/", "text/html"),
            ("/app/main.js", "text/javascript"),
            ("/app/styles.css", "text/css"),
            ("/vendor/signalr/signalr.min.js", "text/javascript"),
            ("/vendor/uplot/uPlot.esm.js", "text/javascript"),
            ("/vendor/uplot/uPlot.min.css", "text/css"),
            ("/vendor/leaflet/leaflet.js", "text/javascript"),
            ("/vendor/leaflet/leaflet.css", "text/css"),
            ("/vendor/leaflet/images/layers.png", "image/png"),
        })
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("no-cache", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        }

        // Only the packages' distribution folders are exposed, not node_modules as a whole (the
        // rest falls through to the API's sign-in requirement).
        foreach (var path in new[] { "/vendor/signalr/package.json", "/node_modules/uplot/package.json", "/vendor/leaflet/../package.json", "/package-lock.json", "/app/../package.json" })
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"GET {path}: {(int)response.StatusCode}");
        }

        foreach (var path in new[] { "/api/stations", "/api/map" })
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"GET {path} without sign-in: {(int)response.StatusCode}");
        }

        // Signed in: the map's tiles as configured (the default: OpenStreetMap's).
        using var map = await host.Http.GetAsync(new Uri("/api/map", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, map.StatusCode);
        using var settings = JsonDocument.Parse(await map.Content.ReadAsStringAsync());
        Assert.Equal("https://tile.openstreetmap.org/{z}/{x}/{y}.png", settings.RootElement.GetProperty("tiles").GetString());
        Assert.Equal("© OpenStreetMap contributors", settings.RootElement.GetProperty("attribution").GetString());
    }

    [Fact]
    public async Task A_dashboard_folder_without_node_modules_is_logged_as_an_error_naming_npm_ci()
    {
        // A copy of the app without its packages, as a fresh checkout is before npm ci.
        var root = Directory.CreateTempSubdirectory("envmon-dashboard-").FullName;
        try
        {
            var source = Path.Combine(RepositoryRoot.Path, "dashboards", "web");
            File.Copy(Path.Combine(source, "index.html"), Path.Combine(root, "index.html"));
            var settings = new CloudProcessSettings
            {
                Influx = influx.Server,
                Database = $"browser_{Guid.NewGuid():N}",
                BrokerPort = FreePort.Next(),
                Extra = new Dictionary<string, string> { ["Dashboard__Root"] = root },
            };
            await using var cloud = await CloudProcess.StartAsync(settings, log);

            var error = Assert.Single(cloud.LoggedErrors);
            Assert.Contains(Path.Combine(root, "node_modules"), error, StringComparison.Ordinal);
            Assert.Contains("npm ci", error, StringComparison.Ordinal);
            using var anonymous = cloud.AnonymousClient();
            using var index = await anonymous.GetAsync(new Uri("/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
