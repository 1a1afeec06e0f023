using System.Globalization;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>Reads a value from a host's Prometheus endpoint (<c>GET /metrics</c>, text format).</summary>
internal static class PrometheusText
{
    /// <summary>The sum over every series (label set) of <paramref name="metric"/>; 0 when it has none yet.</summary>
    public static async Task<double> SumAsync(HttpClient http, string metric)
    {
        var text = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric, StringComparison.Ordinal) ||
                line.Length == metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }

            // name{label="…"} value [timestamp]
            var rest = line[metric.Length] == '{' ? line[(line.LastIndexOf('}') + 1)..] : line[metric.Length..];
            sum += double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }

        return sum;
    }
}
