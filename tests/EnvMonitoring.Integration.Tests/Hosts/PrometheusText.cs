using System.Globalization;

namespace EnvMonitoring.Integration.Tests.Hosts;

/// <summary>Reads a host's Prometheus endpoint (<c>GET /metrics</c>, text format).</summary>
internal static class PrometheusText
{
    /// <summary>The sum over every series (label set) of <paramref name="metric"/>; 0 when it has none yet.</summary>
    public static Task<double> SumAsync(HttpClient http, string metric) => SumAsync(http, metric, label: null);

    /// <summary>
    /// The sum over the series of <paramref name="metric"/> whose labels include <paramref name="label"/>
    /// (written as in the text, e.g. <c>reason="park"</c>); every series when null; 0 when none matches.
    /// </summary>
    public static async Task<double> SumAsync(HttpClient http, string metric, string? label)
    {
        ArgumentNullException.ThrowIfNull(http);
        var sum = 0.0;
        foreach (var (name, labels, value) in Samples(await ScrapeAsync(http)))
        {
            if (name == metric && (label is null || labels.Contains(label, StringComparison.Ordinal)))
            {
                sum += value;
            }
        }

        return sum;
    }

    public static Task<string> ScrapeAsync(HttpClient http) => http.GetStringAsync(new Uri("metrics", UriKind.Relative));

    /// <summary>Every sample line of a scrape: its metric name, its labels as written (<c>{…}</c> or empty) and its value.</summary>
    public static IEnumerable<(string Name, string Labels, double Value)> Samples(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            // name{label="…"} value [timestamp]
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var nameEnd = brace >= 0 && brace < space ? brace : space;
            var labelsEnd = brace >= 0 && brace < space ? line.LastIndexOf('}') + 1 : nameEnd;
            var value = line[labelsEnd..].Trim().Split(' ')[0];
            yield return (line[..nameEnd], line[nameEnd..labelsEnd], double.Parse(value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A client for a gateway's or node's own endpoint (<c>…:Metrics:Port</c>).</summary>
    public static HttpClient Client(int port) => new() { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), Timeout = TimeSpan.FromSeconds(10) };
}
