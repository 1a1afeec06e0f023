using System.Globalization;
using System.Net;
using System.Text.Json;

namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>Calls <c>GET /api/history</c> and reads its JSON windows back.</summary>
internal static class HistoryClient
{
    public static string Url(string station, string param, DateTimeOffset from, DateTimeOffset to, string window, string fn = "mean,min,max,count", string format = "json") =>
        $"/api/history?station={station}&param={param}&from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}" +
        $"&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}&window={window}&fn={fn}&format={format}";

    public static async Task<List<ExpectedWindow>> WindowsAsync(HttpClient http, string url, string code)
    {
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        var windows = new List<ExpectedWindow>();
        foreach (var point in document.RootElement.GetProperty("points").EnumerateArray())
        {
            var values = point.GetProperty(code);
            windows.Add(new ExpectedWindow(
                DateTimeOffset.Parse(point.GetProperty("start").GetString()!, CultureInfo.InvariantCulture),
                Number(values, "mean"), Number(values, "min"), Number(values, "max"), values.GetProperty("count").GetInt32()));
        }

        return windows;
    }

    /// <summary>Equal starts and counts; means, minima and maxima equal to 1e-9 relative.</summary>
    public static void AssertSame(IReadOnlyList<ExpectedWindow> expected, IReadOnlyList<ExpectedWindow> actual, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: expected {expected.Count} windows, got {actual.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.True(e.Start == a.Start, $"{what}: window {i} starts at {a.Start:O}, expected {e.Start:O}");
            Assert.True(e.Count == a.Count, $"{what}: window {e.Start:O} counts {a.Count} valid readings, expected {e.Count}");
            Close(e.Mean, a.Mean, $"{what}: mean of {e.Start:O}");
            Close(e.Min, a.Min, $"{what}: min of {e.Start:O}");
            Close(e.Max, a.Max, $"{what}: max of {e.Start:O}");
        }
    }

    private static void Close(double? expected, double? actual, string what)
    {
        Assert.True(expected.HasValue == actual.HasValue, $"{what}: expected {expected}, got {actual}");
        if (expected is { } e && actual is { } a)
        {
            Assert.True(Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Abs(e)), $"{what}: expected {e:R}, got {a:R}");
        }
    }

    private static double? Number(JsonElement values, string name) =>
        values.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
