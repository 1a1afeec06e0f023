using System.Text.Json;

namespace EnvMonitoring.Cloud.Storage;

/// <summary>The rows of every series in an InfluxDB v1 query answer, with their column names.</summary>
internal static class SeriesRows
{
    public static IEnumerable<(JsonElement Columns, JsonElement Row)> Of(JsonDocument document)
    {
        foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("series", out var series))
            {
                continue;
            }

            foreach (var serie in series.EnumerateArray())
            {
                var columns = serie.GetProperty("columns");
                if (!serie.TryGetProperty("values", out var values))
                {
                    continue;
                }

                foreach (var row in values.EnumerateArray())
                {
                    yield return (columns, row);
                }
            }
        }
    }

    /// <summary>For each column, what <paramref name="indexOf"/> says its name stands for (-1: nothing).</summary>
    public static int[] Map(JsonElement columns, Func<string, int> indexOf)
    {
        var map = new int[columns.GetArrayLength()];
        var i = 0;
        foreach (var column in columns.EnumerateArray())
        {
            map[i++] = indexOf(column.GetString() ?? "");
        }

        return map;
    }

    public static double? Double(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    public static long Long(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
