using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnvMonitoring.Integration.Tests.Hosts;

namespace EnvMonitoring.Integration.Tests.Metrics;

/// <summary>
/// The provisioned Grafana dashboards read what the product really writes: every InfluxQL panel
/// query, with Grafana's macros and each value of the dashboard's variables filled in, runs on
/// InfluxDB holding the demo data and returns rows; every metric a PromQL panel names is in the
/// real <c>/metrics</c> text of the cloud host, the gateway or the node (docs/metrics.md).
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class GrafanaDashboardTests(EcosystemFixture system) : IClassFixture<EcosystemFixture>
{
    /// <summary>Names Prometheus makes itself for each target, never in a /metrics text.</summary>
    private static readonly HashSet<string> Synthetic = new(StringComparer.Ordinal) { "up", "scrape_duration_seconds", "scrape_samples_scraped" };

    [Fact]
    public async Task Every_influxql_panel_query_returns_rows_for_every_value_of_the_dashboard_variables()
    {
        var from = system.From;
        var to = DateTimeOffset.UtcNow;
        var failures = new StringBuilder();
        var ran = 0;
        foreach (var (file, dashboard) in GrafanaDashboards.All())
        {
            var targets = GrafanaDashboards.Targets(file, dashboard, "influxdb").ToList();
            if (targets.Count == 0)
            {
                continue;
            }

            foreach (var values in await AssignmentsAsync(GrafanaDashboards.QueryVariables(dashboard), from, to))
            {
                foreach (var target in targets)
                {
                    var query = GrafanaDashboards.Interpolate(target.Text, from, to, "1m", values);
                    ran++;
                    try
                    {
                        using var answer = await system.Influx.QueryAsync(EcosystemFixture.Database, query);
                        if (Rows(answer.RootElement) == 0)
                        {
                            failures.AppendLine($"no rows: {target} as `{query}`");
                        }
                    }
                    catch (InvalidOperationException e)
                    {
                        failures.AppendLine($"error: {target} as `{query}`: {e.Message}");
                    }
                }
            }
        }

        Assert.True(ran >= 10, $"only {ran} queries ran: the dashboards were not found or hold no InfluxQL");
        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public async Task Every_metric_a_promql_panel_reads_is_served_by_the_cloud_the_gateway_or_the_node()
    {
        using var gateway = PrometheusText.Client(system.GatewayMetricsPort);
        using var node = PrometheusText.Client(system.NodeMetricsPort);
        var served = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in new[] { await PrometheusText.ScrapeAsync(system.Cloud.Http), await PrometheusText.ScrapeAsync(gateway), await PrometheusText.ScrapeAsync(node) })
        {
            served.UnionWith(PrometheusText.Samples(text).Select(s => s.Name));
        }

        var missing = new List<string>();
        var checkedNames = 0;
        foreach (var (file, dashboard) in GrafanaDashboards.All())
        {
            foreach (var target in GrafanaDashboards.Targets(file, dashboard, "prometheus"))
            {
                foreach (var name in PromQlNames.Of(target.Text))
                {
                    checkedNames++;
                    if (!served.Contains(name) && !Synthetic.Contains(name))
                    {
                        missing.Add($"{name} in {target}");
                    }
                }
            }
        }

        Assert.True(checkedNames >= 10, $"only {checkedNames} metric names were found in the PromQL panels");
        Assert.True(missing.Count == 0, "not in any /metrics text:\n" + string.Join('\n', missing));
    }

    /// <summary>
    /// Ours only: the .NET runtime's own instruments (<c>dotnet_*</c>, OpenTelemetry.Instrumentation.Runtime)
    /// have names promtool lints (<c>dotnet_timer_count</c> is a gauge ending in <c>_count</c>), which are not ours to change.
    /// </summary>
    [Fact]
    public async Task Promtool_finds_nothing_to_lint_in_the_metrics_of_the_cloud_the_gateway_and_the_node()
    {
        using var gateway = PrometheusText.Client(system.GatewayMetricsPort);
        using var node = PrometheusText.Client(system.NodeMetricsPort);
        foreach (var (who, text) in new[] { ("cloud", await PrometheusText.ScrapeAsync(system.Cloud.Http)), ("gateway", await PrometheusText.ScrapeAsync(gateway)), ("node", await PrometheusText.ScrapeAsync(node)) })
        {
            var (code, output) = await Promtool.RunAsync(text, "check", "metrics");
            var ours = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith("dotnet_", StringComparison.Ordinal)).ToList();
            Assert.True(ours.Count == 0, $"promtool check metrics on the {who}'s /metrics (exit {code}):\n{output}");
            Assert.Contains("envmon_", text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Every assignment of one value to each query variable, in order (a variable's query may use
    /// the ones before it), each variable's values read with its own query on the demo data.
    /// </summary>
    private async Task<List<Dictionary<string, string>>> AssignmentsAsync(IReadOnlyList<(string Name, string Query, string Regex)> variables, DateTimeOffset from, DateTimeOffset to)
    {
        List<Dictionary<string, string>> assignments = [new(StringComparer.Ordinal)];
        foreach (var (name, query, regex) in variables)
        {
            var next = new List<Dictionary<string, string>>();
            foreach (var assignment in assignments)
            {
                using var answer = await system.Influx.QueryAsync(EcosystemFixture.Database, GrafanaDashboards.Interpolate(query, from, to, "1m", assignment));
                var values = Values(answer.RootElement).Where(v => regex.Length == 0 || Regex.IsMatch(v, regex.Trim('/'))).Distinct(StringComparer.Ordinal).ToList();
                Assert.True(values.Count > 0, $"variable {name} has no value: {query} with {string.Join(", ", assignment)}");
                next.AddRange(values.Select(v => new Dictionary<string, string>(assignment, StringComparer.Ordinal) { [name] = v }));
            }

            assignments = next;
        }

        return assignments;
    }

    private static int Rows(JsonElement answer) =>
        answer.GetProperty("results").EnumerateArray()
            .Where(r => r.TryGetProperty("series", out _))
            .SelectMany(r => r.GetProperty("series").EnumerateArray())
            .Sum(s => s.TryGetProperty("values", out var v) ? v.GetArrayLength() : 0);

    /// <summary>The values of a SHOW TAG VALUES (column <c>value</c>) or SHOW FIELD KEYS (column <c>fieldKey</c>) answer.</summary>
    private static IEnumerable<string> Values(JsonElement answer)
    {
        foreach (var result in answer.GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("series", out var series))
            {
                continue;
            }

            foreach (var s in series.EnumerateArray())
            {
                var columns = s.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
                var index = columns.IndexOf("value") is var v and >= 0 ? v : columns.IndexOf("fieldKey");
                foreach (var row in s.GetProperty("values").EnumerateArray())
                {
                    yield return row[index].GetString()!;
                }
            }
        }
    }
}
