using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>Counts of what InfluxDB holds in measurement <c>sample</c>.</summary>
internal static class StoredCounts
{
    /// <summary>Values stored for one field.</summary>
    public static Task<long> FieldAsync(InfluxServer influx, string database, string field) =>
        influx.CountAsync(database, $"SELECT COUNT(\"{field}\") FROM \"sample\"");

    /// <summary>Values stored over every field: <c>COUNT(*)</c> summed.</summary>
    public static async Task<long> ValuesAsync(InfluxServer influx, string database)
    {
        using var document = await influx.QueryAsync(database, "SELECT COUNT(*) FROM \"sample\"");
        var result = document.RootElement.GetProperty("results")[0];
        if (!result.TryGetProperty("series", out var series))
        {
            return 0;
        }

        var columns = series[0].GetProperty("columns");
        var row = series[0].GetProperty("values")[0];
        var total = 0L;
        for (var i = 0; i < columns.GetArrayLength(); i++)
        {
            var column = columns[i].GetString()!;
            // Status and seq fields are metadata, not values. A field InfluxDB knows of but holds no
            // point of yet (seen right after a restart, mid-write) counts as null: nothing stored.
            if (column != "time" && column != "count_seq" && !column.EndsWith("_status", StringComparison.Ordinal) &&
                row[i].ValueKind == System.Text.Json.JsonValueKind.Number)
            {
                total += row[i].GetInt64();
            }
        }

        return total;
    }

    /// <summary>Stored samples of <paramref name="field"/> per <paramref name="bucketSeconds"/>-second bucket from <paramref name="from"/>, in order.</summary>
    public static async Task<long[]> PerBucketAsync(InfluxServer influx, string database, string field, DateTimeOffset from, int buckets, int bucketSeconds)
    {
        var start = from.ToUnixTimeMilliseconds();
        var end = start + ((long)buckets * bucketSeconds * 1000);
        using var document = await influx.QueryAsync(database,
            $"SELECT COUNT(\"{field}\") FROM \"sample\" WHERE time >= {start}ms AND time < {end}ms GROUP BY time({bucketSeconds}s) fill(0)");
        var counts = new long[buckets];
        var result = document.RootElement.GetProperty("results")[0];
        if (!result.TryGetProperty("series", out var series))
        {
            return counts;
        }

        foreach (var row in series[0].GetProperty("values").EnumerateArray())
        {
            var index = (row[0].GetInt64() - start) / (bucketSeconds * 1000L);
            if (index >= 0 && index < buckets)
            {
                counts[index] = row[1].GetInt64();
            }
        }

        return counts;
    }
}
