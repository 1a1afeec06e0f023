using System.Globalization;
using System.Text;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Retry;
using EnvMonitoring.Protocol.Time;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>
/// The station-days before today that sealing owes (docs/evidence.md, "Recovery"): measurement
/// <c>seal_owed</c> in the seals' retention policy, one point per station and day (its local midnight),
/// field <c>owed</c>. A day is marked before the late data that makes it owed is acknowledged and
/// unmarked (the same point, <c>owed=false</c>) once its seals are written, so a start finds every day
/// a crash left unsealed, not only today and yesterday.
/// </summary>
public sealed class OwedDays(InfluxClient influx, IOptions<SealsOptions> options, TimeProvider time)
{
    public const string Name = "seal_owed";

    private static readonly RetrySchedule WriteRetry = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));

    private readonly LongTermPolicy _policy = new(influx, options.Value.RetentionPolicy);

    /// <summary>Marks the days owed (or, with <paramref name="owed"/> false, settled), retrying until InfluxDB has them or the token is cancelled.</summary>
    public async Task MarkAsync(IReadOnlyCollection<OwedDay> days, bool owed, CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        foreach (var day in days)
        {
            // Station and park are validated identifiers: nothing to escape in tags.
            lines.Append(Name).Append(",park=").Append(day.Park).Append(",station=").Append(day.Station)
                .Append(" owed=").Append(owed ? "true" : "false").Append(' ')
                .Append(ProvinceTime.StartOf(day.Day).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(lines.ToString());
        var backoff = WriteRetry.Start(time);
        while (true)
        {
            InfluxWriteResult result;
            try
            {
                await _policy.EnsureAsync(cancellationToken);
                result = await influx.WriteAsync(bytes, _policy.Name, cancellationToken);
            }
            catch (Exception e) when (e is InfluxException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                result = new InfluxWriteResult(InfluxWriteOutcome.Retryable, null, e.Message);
            }

            switch (result.Outcome)
            {
                case InfluxWriteOutcome.Written:
                    return;
                case InfluxWriteOutcome.Retryable:
                    await backoff.WaitNextAsync(cancellationToken);
                    break;
                default:
                    throw new InfluxException($"InfluxDB refused the owed days: {result.Error}");
            }
        }
    }

    /// <summary>Every day marked owed and not settled.</summary>
    public async Task<List<OwedDay>> ReadAsync(CancellationToken cancellationToken)
    {
        await _policy.EnsureAsync(cancellationToken);
        using var document = await influx.QueryAsync(
            $"SELECT {InfluxQl.Identifiers(["park", "station", "owed"])} FROM {_policy.Source(Name)} WHERE {InfluxQl.Identifier("owed")} = true",
            cancellationToken);
        var days = new List<OwedDay>();
        foreach (var (_, row) in SeriesRows.Of(document))
        {
            var cells = row.EnumerateArray().ToArray();
            days.Add(new OwedDay(cells[1].GetString()!, cells[2].GetString()!, ProvinceTime.DayOf(DateTimeOffset.FromUnixTimeMilliseconds(cells[0].GetInt64()))));
        }

        return days;
    }
}

/// <summary>A station's local day that took data after its day ended, with the station's park.</summary>
public readonly record struct OwedDay(string Park, string Station, DateOnly Day);
