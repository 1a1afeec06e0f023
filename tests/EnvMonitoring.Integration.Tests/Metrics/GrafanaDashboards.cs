using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnvMonitoring.Integration.Tests.Launcher;

namespace EnvMonitoring.Integration.Tests.Metrics;

/// <summary>The provisioned Grafana dashboards (<c>dashboards/grafana/provisioning/dashboards/json</c>), as the checks read them.</summary>
internal static partial class GrafanaDashboards
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "dashboards", "grafana", "provisioning", "dashboards", "json");

    /// <summary>Every dashboard file's name and parsed JSON.</summary>
    public static IReadOnlyList<(string File, JsonElement Dashboard)> All() =>
        [.. Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), JsonDocument.Parse(File.ReadAllText(f)).RootElement.Clone()))];

    /// <summary>Every query of every panel (rows' collapsed panels included) whose data source is of <paramref name="type"/>.</summary>
    public static IEnumerable<Target> Targets(string file, JsonElement dashboard, string type)
    {
        foreach (var panel in Panels(dashboard.GetProperty("panels")))
        {
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }

            var panelType = panel.TryGetProperty("datasource", out var ds) && ds.ValueKind == JsonValueKind.Object ? ds.GetProperty("type").GetString() : null;
            foreach (var target in targets.EnumerateArray())
            {
                var targetType = target.TryGetProperty("datasource", out var own) && own.ValueKind == JsonValueKind.Object ? own.GetProperty("type").GetString() : panelType;
                if (targetType == type)
                {
                    var text = type == "prometheus" ? target.GetProperty("expr").GetString()! : target.GetProperty("query").GetString()!;
                    yield return new Target(file, panel.GetProperty("title").GetString()!, target.GetProperty("refId").GetString()!, text);
                }
            }
        }
    }

    /// <summary>The dashboard's query variables (type <c>query</c>), in order: name, InfluxQL query, regex (empty: none).</summary>
    public static IReadOnlyList<(string Name, string Query, string Regex)> QueryVariables(JsonElement dashboard) =>
        [.. dashboard.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "query")
            .Select(v => (v.GetProperty("name").GetString()!, v.GetProperty("query").GetString()!, v.TryGetProperty("regex", out var r) ? r.GetString() ?? "" : ""))];

    /// <summary>
    /// The query as Grafana's InfluxDB data source sends it for an absolute time range: <c>$timeFilter</c>
    /// as <c>time &gt;= …ms and time &lt;= …ms</c>, <c>$__interval</c> as given, and each variable
    /// (<c>$name</c>, <c>${name}</c>) by its one value.
    /// </summary>
    public static string Interpolate(string query, DateTimeOffset from, DateTimeOffset to, string interval, IReadOnlyDictionary<string, string> values)
    {
        var text = query
            .Replace("$timeFilter", $"time >= {from.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}ms and time <= {to.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}ms", StringComparison.Ordinal)
            .Replace("$__interval_ms", ((long)TimeSpanOf(interval).TotalMilliseconds).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("$__interval", interval, StringComparison.Ordinal);
        foreach (var (name, value) in values.OrderByDescending(v => v.Key.Length))
        {
            text = text.Replace("${" + name + "}", value, StringComparison.Ordinal).Replace("$" + name, value, StringComparison.Ordinal);
        }

        var left = Leftover().Match(text);
        return left.Success ? throw new InvalidOperationException($"`{query}` still holds {left.Value} once interpolated: a variable the check does not know") : text;
    }

    private static TimeSpan TimeSpanOf(string interval) => interval[^1] switch
    {
        's' => TimeSpan.FromSeconds(int.Parse(interval[..^1], CultureInfo.InvariantCulture)),
        'm' => TimeSpan.FromMinutes(int.Parse(interval[..^1], CultureInfo.InvariantCulture)),
        'h' => TimeSpan.FromHours(int.Parse(interval[..^1], CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"interval {interval}", nameof(interval)),
    };

    private static IEnumerable<JsonElement> Panels(JsonElement panels)
    {
        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in Panels(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"\$\{?[A-Za-z_]\w*")]
    private static partial Regex Leftover();

    /// <summary>One query of one panel.</summary>
    public sealed record Target(string File, string Panel, string RefId, string Text)
    {
        public override string ToString() => $"{File} / {Panel} / {RefId}: {Text}";
    }
}
