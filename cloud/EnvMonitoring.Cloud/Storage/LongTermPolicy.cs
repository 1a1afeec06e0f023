using System.Text.Json;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Storage;

/// <summary>
/// The retention policy that keeps forever what must outlive raw data (<see cref="InfluxOptions.LongTermPolicy"/>):
/// rollups, alert events and the audit log, so a raw-data retention never deletes an audit trail.
/// <see cref="EnsureAsync"/> creates it with infinite duration when missing, once per process; it reads
/// the policies first, so a least-privilege user starts on a database prepared beforehand (creating
/// runs as <c>Influx:SetupUsername</c> when set).
/// </summary>
public sealed class LongTermPolicy
{
    private readonly InfluxClient _influx;
    private readonly Once _created;

    public LongTermPolicy(InfluxClient influx, IOptions<InfluxOptions> options)
        : this(influx, options?.Value.LongTermPolicy ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    /// <summary>Another never-expiring policy by name (the seals keep theirs apart from everything else).</summary>
    public LongTermPolicy(InfluxClient influx, string name)
    {
        _influx = influx;
        Name = name;
        _created = new(async cancellationToken =>
        {
            await influx.EnsureDatabaseAsync(cancellationToken);
            if (!(await ListAsync(influx, cancellationToken)).Any(p => p.Name == name))
            {
                using var _ = await influx.SetupQueryAsync(
                    $"CREATE RETENTION POLICY {InfluxQl.Identifier(name)} ON {InfluxQl.Identifier(influx.Database)} DURATION INF REPLICATION 1", cancellationToken);
            }
        });
    }

    public string Name { get; }

    /// <summary>The fully qualified measurement in this policy, for a FROM or INTO clause.</summary>
    public string Source(string measurement) => InfluxQl.Source(_influx.Database, Name, measurement);

    public Task EnsureAsync(CancellationToken cancellationToken) => _created.RunAsync(cancellationToken);

    /// <summary>The database's retention policies as <c>SHOW RETENTION POLICIES</c> lists them.</summary>
    public static async Task<List<RetentionPolicyInfo>> ListAsync(InfluxClient influx, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(influx);
        using var document = await influx.QueryAsync($"SHOW RETENTION POLICIES ON {InfluxQl.Identifier(influx.Database)}", cancellationToken);
        var policies = new List<RetentionPolicyInfo>();
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
                policies.Add(new RetentionPolicyInfo(name, isDefault, duration, shardDuration));
            }
        }

        return policies;
    }
}

/// <summary>One row of <c>SHOW RETENTION POLICIES</c>; durations as InfluxDB prints them (<c>168h0m0s</c>).</summary>
public sealed record RetentionPolicyInfo(string Name, bool IsDefault, string? Duration, string? ShardDuration);
