using System.Globalization;
using System.Text.Json;
using EnvMonitoring.Cloud.Storage;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Rollups;

/// <summary>
/// Creates the rollup retention policy (infinite) and applies <see cref="RollupOptions.RawRetention"/>
/// to the database's default policy, where ingestion writes raw samples. Reads the policies first and
/// changes only what differs, so the host's least-privilege user (which may not create or alter
/// policies) starts on a database prepared beforehand; changes run as <c>Influx:SetupUsername</c> when set.
/// </summary>
internal sealed class RetentionSetup(InfluxClient influx, IOptions<RollupOptions> options)
{
    private readonly RollupOptions _options = options.Value;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await influx.EnsureDatabaseAsync(cancellationToken);
        var policies = await ListAsync(cancellationToken);
        var database = influx.Database;
        if (!policies.Any(p => p.Name == _options.RetentionPolicy))
        {
            using var _ = await influx.SetupQueryAsync($"CREATE RETENTION POLICY {InfluxQl.Identifier(_options.RetentionPolicy)} ON {InfluxQl.Identifier(database)} DURATION INF REPLICATION 1", cancellationToken);
        }

        if (_options.RawRetention is { } keep)
        {
            if (!policies.Any(p => p.IsDefault))
            {
                throw new InfluxException($"Database {database} has no default retention policy to apply Rollups:RawRetention to.");
            }

            var raw = policies.First(p => p.IsDefault);
            if (raw.Name == _options.RetentionPolicy)
            {
                throw new InfluxException($"The rollup retention policy {raw.Name} is the default one; raw retention would delete rollups.");
            }

            // InfluxDB's own shard-group advice: < 2 days → 1 h, up to 6 months → 1 day, longer → 7 days.
            var shard = keep < TimeSpan.FromDays(2) ? "1h" : keep <= TimeSpan.FromDays(183) ? "1d" : "7d";
            var hours = ((long)Math.Ceiling(keep.TotalHours)).ToString(CultureInfo.InvariantCulture);
            if (raw.Duration == $"{hours}h0m0s" && raw.ShardDuration == GoDuration(shard))
            {
                return;
            }

            using var _ = await influx.SetupQueryAsync($"ALTER RETENTION POLICY {InfluxQl.Identifier(raw.Name)} ON {InfluxQl.Identifier(database)} DURATION {hours}h SHARD DURATION {shard}", cancellationToken);
        }
    }

    /// <summary>How InfluxDB shows a shard duration (Go's <c>time.Duration</c> text): 1h → 1h0m0s, 1d → 24h0m0s, 7d → 168h0m0s.</summary>
    private static string GoDuration(string shard) => shard switch
    {
        "1h" => "1h0m0s",
        "1d" => "24h0m0s",
        _ => "168h0m0s",
    };

    private async Task<List<(string Name, bool IsDefault, string? Duration, string? ShardDuration)>> ListAsync(CancellationToken cancellationToken)
    {
        using var document = await influx.QueryAsync($"SHOW RETENTION POLICIES ON {InfluxQl.Identifier(influx.Database)}", cancellationToken);
        var policies = new List<(string, bool, string?, string?)>();
        foreach (var (columns, row) in SeriesRows.Of(document))
        {
            var map = SeriesRows.Map(columns, name => name switch { "name" => 0, "default" => 1, "duration" => 2, "shardGroupDuration" => 3, _ => -1 });
            string? name = null;
            string? duration = null;
            string? shardDuration = null;
            var isDefault = false;
            var i = 0;
            foreach (var cell in row.EnumerateArray())
            {
                switch (map[i++])
                {
                    case 0: name = cell.GetString(); break;
                    case 1: isDefault = cell.ValueKind == JsonValueKind.True; break;
                    case 2: duration = cell.GetString(); break;
                    case 3: shardDuration = cell.GetString(); break;
                }
            }

            if (name is not null)
            {
                policies.Add((name, isDefault, duration, shardDuration));
            }
        }

        return policies;
    }
}
