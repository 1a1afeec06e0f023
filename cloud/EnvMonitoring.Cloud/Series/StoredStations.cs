using System.Text.Json;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Cloud.Series;

/// <summary>What InfluxDB holds: the stations (with their park) and parameters of measurement <c>sample</c>, and a station's first and last times.</summary>
internal sealed class StoredStations(InfluxClient influx)
{
    /// <summary>(park, station) of every series of <c>sample</c>.</summary>
    public async Task<List<(string Park, string Station)>> ListAsync(CancellationToken cancellationToken)
    {
        using var document = await influx.QueryAsync($"SHOW SERIES FROM {InfluxQl.Identifier(SampleSchema.Measurement)}", cancellationToken);
        var stations = new List<(string, string)>();
        foreach (var (_, row) in SeriesRows.Of(document))
        {
            // A series key: sample,park=YenBinh,station=YB-WWTP-01 (identifiers carry no escapes).
            string? park = null, station = null;
            foreach (var part in (row[0].GetString() ?? "").Split(','))
            {
                if (part.StartsWith(SampleSchema.ParkTag + "=", StringComparison.Ordinal))
                {
                    park = part[(SampleSchema.ParkTag.Length + 1)..];
                }
                else if (part.StartsWith(SampleSchema.StationTag + "=", StringComparison.Ordinal))
                {
                    station = part[(SampleSchema.StationTag.Length + 1)..];
                }
            }

            if (Identifier.IsValid(park) && Identifier.IsValid(station))
            {
                stations.Add((park!, station!));
            }
        }

        return stations;
    }

    /// <summary>The catalog parameters stored as fields of <c>sample</c>, in catalog order.</summary>
    public async Task<List<Parameter>> ParametersAsync(ParameterCatalog catalog, CancellationToken cancellationToken)
    {
        using var document = await influx.QueryAsync($"SHOW FIELD KEYS FROM {InfluxQl.Identifier(SampleSchema.Measurement)}", cancellationToken);
        var parameters = new List<Parameter>();
        foreach (var (_, row) in SeriesRows.Of(document))
        {
            if (row[0].GetString() is { } key && catalog.TryGet(key.AsSpan(), out var parameter))
            {
                parameters.Add(parameter);
            }
        }

        return parameters.OrderBy(p => p.Index).ToList();
    }

    /// <summary>The time of the first (or last) point of <paramref name="source"/> for the station, or null.</summary>
    public async Task<DateTimeOffset?> EdgeTimeAsync(string source, string station, bool last, CancellationToken cancellationToken)
    {
        var order = last ? "DESC" : "ASC";
        using var document = await influx.QueryAsync($"SELECT * FROM {source} WHERE {InfluxQl.Is(SampleSchema.StationTag, station)} ORDER BY time {order} LIMIT 1", cancellationToken);
        foreach (var (_, row) in SeriesRows.Of(document))
        {
            return row[0].ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()) : null;
        }

        return null;
    }
}
