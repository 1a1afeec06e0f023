using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>What InfluxDB's own schema queries (<c>SHOW …</c>) say a database holds, as sorted text.</summary>
internal static class StoredSchema
{
    public static Task<List<string>> MeasurementsAsync(InfluxServer influx, string database) =>
        RowsAsync(influx, database, "SHOW MEASUREMENTS", row => row[0]);

    /// <summary>Series keys of the samples, e.g. <c>sample,park=P,station=S</c> (the audit log and alert events are series too).</summary>
    public static Task<List<string>> SeriesAsync(InfluxServer influx, string database) =>
        RowsAsync(influx, database, "SHOW SERIES FROM \"sample\"", row => row[0]);

    public static Task<List<string>> TagKeysAsync(InfluxServer influx, string database) =>
        RowsAsync(influx, database, "SHOW TAG KEYS FROM \"sample\"", row => row[0]);

    public static Task<List<string>> TagValuesAsync(InfluxServer influx, string database, string key) =>
        RowsAsync(influx, database, $"SHOW TAG VALUES FROM \"sample\" WITH KEY = \"{key}\"", row => row[1]);

    /// <summary>Field keys with their type, e.g. <c>COD:float</c>, <c>seq:integer</c>.</summary>
    public static Task<List<string>> FieldKeysAsync(InfluxServer influx, string database) =>
        RowsAsync(influx, database, "SHOW FIELD KEYS FROM \"sample\"", row => $"{row[0]}:{row[1]}");

    private static async Task<List<string>> RowsAsync(InfluxServer influx, string database, string influxQl, Func<string[], string> format)
    {
        using var document = await influx.QueryAsync(database, influxQl);
        var rows = new List<string>();
        var result = document.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("series", out var series))
        {
            foreach (var serie in series.EnumerateArray())
            {
                foreach (var row in serie.GetProperty("values").EnumerateArray())
                {
                    rows.Add(format([.. row.EnumerateArray().Select(cell => cell.GetString()!)]));
                }
            }
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }
}
