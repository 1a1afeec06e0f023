using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnvMonitoring.Integration.Tests.Demo;
using EnvMonitoring.Integration.Tests.Launcher;

namespace EnvMonitoring.Integration.Tests.Metrics;

/// <summary><c>deploy/prometheus/prometheus.yml</c> is a valid Prometheus configuration that scrapes what <c>./envmon run</c> serves.</summary>
public sealed partial class PrometheusConfigTests
{
    private static readonly string ConfigPath = Path.Combine(RepositoryRoot.Path, "deploy", "prometheus", "prometheus.yml");

    [Fact]
    public async Task Promtool_accepts_the_scrape_configuration()
    {
        var (code, output) = await Promtool.RunAsync("", "check", "config", ConfigPath);

        Assert.True(code == 0, output);
    }

    [Fact]
    public void It_scrapes_the_cloud_and_every_gateway_and_node_at_the_ports_envmon_run_gives_them()
    {
        var launcher = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "envmon"));
        var config = File.ReadAllText(ConfigPath);
        int Default(string variable) => int.Parse(Regex.Match(launcher, $@"\${{{variable}:-(\d+)}}").Groups[1].Value, CultureInfo.InvariantCulture);
        // The demo's parks, said once for ./envmon run and compose.
        using var demo = JsonDocument.Parse(File.ReadAllText(DemoRegistry.File));
        var parks = demo.RootElement.GetProperty("Parks").GetArrayLength();
        Assert.Equal(3, parks);

        Assert.Contains($"\"127.0.0.1:{Default("ENVMON_HTTP_PORT")}\"", config, StringComparison.Ordinal);
        var metrics = Default("ENVMON_METRICS_BASE_PORT");
        for (var i = 0; i < 2 * parks; i++)
        {
            Assert.Contains($"\"127.0.0.1:{metrics + i}\"", config, StringComparison.Ordinal);
        }
    }

}
