using System.Globalization;
using EnvMonitoring.Cloud.Storage;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Rollups;

/// <summary>
/// Makes sure the long-term policy exists (<see cref="LongTermPolicy"/>, where rollups live) and applies
/// <see cref="RollupOptions.RawRetention"/> to the database's default policy, where ingestion writes raw
/// samples. Reads the policies first and changes only what differs, so the host's least-privilege user
/// (which may not create or alter policies) starts on a database prepared beforehand; changes run as
/// <c>Influx:SetupUsername</c> when set.
/// </summary>
internal sealed class RetentionSetup(InfluxClient influx, LongTermPolicy longTerm, IOptions<RollupOptions> options)
{
    private readonly RollupOptions _options = options.Value;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await longTerm.EnsureAsync(cancellationToken);
        if (_options.RawRetention is { } keep)
        {
            var database = influx.Database;
            var policies = await LongTermPolicy.ListAsync(influx, cancellationToken);
            if (!policies.Any(p => p.IsDefault))
            {
                throw new InfluxException($"Database {database} has no default retention policy to apply Rollups:RawRetention to.");
            }

            var raw = policies.First(p => p.IsDefault);
            if (raw.Name == longTerm.Name)
            {
                throw new InfluxException($"The long-term retention policy {raw.Name} is the default one; raw retention would delete rollups, alert events and the audit log.");
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
}
