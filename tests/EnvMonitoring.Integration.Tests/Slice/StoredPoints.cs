using System.Text.Json;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Slice;

/// <summary>Every point of one station as InfluxDB holds it: epoch-ms time → column → value.</summary>
internal static class StoredPoints
{
    /// <summary>A field's value, or an undefined element when the database never held that field.</summary>
    public static JsonElement Field(Dictionary<string, JsonElement> point, string name) =>
        point.TryGetValue(name, out var value) ? value : default;

    public static bool IsAbsent(Dictionary<string, JsonElement> point, string name) =>
        Field(point, name).ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    public static async Task<Dictionary<long, Dictionary<string, JsonElement>>> ReadAsync(InfluxServer influx, string database, string station)
    {
        using var document = await influx.QueryAsync(database, $"SELECT * FROM \"sample\" WHERE \"station\" = '{station}'");
        var points = new Dictionary<long, Dictionary<string, JsonElement>>();
        var result = document.RootElement.GetProperty("results")[0];
        if (!result.TryGetProperty("series", out var series))
        {
            return points;
        }

        foreach (var serie in series.EnumerateArray())
        {
            var columns = serie.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
            foreach (var row in serie.GetProperty("values").EnumerateArray())
            {
                var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                for (var i = 0; i < columns.Length; i++)
                {
                    values[columns[i]] = row[i].Clone();
                }

                points[row[0].GetInt64()] = values;
            }
        }

        return points;
    }
}
