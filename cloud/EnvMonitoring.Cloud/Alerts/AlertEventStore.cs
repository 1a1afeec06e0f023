using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Retry;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Alerts;

/// <summary>
/// The audit trail of alert transitions, in InfluxDB measurement <c>alert_event</c> (tags park and
/// station; fields kind, alert, severity, seq and the whole event as JSON). Each event gets a
/// distinct millisecond (its time, pushed forward past the previous event's when two share one),
/// so no point overwrites another. Events are written in order by a background loop that retries
/// until InfluxDB takes them; <see cref="ReadAllAsync"/> rebuilds the alert book at start-up.
/// </summary>
public sealed class AlertEventStore(InfluxClient influx, TimeProvider time, ILogger<AlertEventStore> logger) : BackgroundService, IRulesListener
{
    public const string Measurement = "alert_event";

    /// <summary>Writes wait for InfluxDB: soon at first, at most every 10 s.</summary>
    private static readonly RetrySchedule WriteRetry = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };
    private readonly Channel<(string Park, AlertEvent Event)> _pending = Channel.CreateUnbounded<(string, AlertEvent)>(new UnboundedChannelOptions { SingleReader = true });
    private long _lastMilliseconds;
    private int _backlog;

    /// <summary>Events accepted but not yet in InfluxDB.</summary>
    public int Backlog => Volatile.Read(ref _backlog);

    /// <summary>Queues the transition's event for writing.</summary>
    void IRulesListener.OnTransition(AlertTransition transition) => Append(transition.Park, transition.Event);

    /// <summary>Queues an event for writing; never blocks.</summary>
    public void Append(string park, AlertEvent e)
    {
        Interlocked.Increment(ref _backlog);
        _pending.Writer.TryWrite((park, e));
    }

    /// <summary>
    /// Every stored event (of <paramref name="station"/>, of one alert when <paramref name="alert"/>
    /// is given: InfluxDB filters), oldest first, with its park; read in pages so a long history does
    /// not load at once.
    /// </summary>
    public async Task<List<(string Park, AlertEvent Event)>> ReadAllAsync(string? station, CancellationToken cancellationToken, string? alert = null)
    {
        // A fresh installation has no database yet; creating it is idempotent and makes "no events" an empty answer.
        await influx.EnsureDatabaseAsync(cancellationToken);
        var events = new List<(string, AlertEvent)>();
        long after = -1;
        const int Page = 5000;
        while (true)
        {
            var where = (station is null ? "" : $" AND {InfluxQl.Is("station", station)}") + (alert is null ? "" : $" AND {InfluxQl.Is("alert", alert)}");
            var since = InfluxQl.Time(DateTimeOffset.FromUnixTimeMilliseconds(after));
            using var document = await influx.QueryAsync(
                string.Create(CultureInfo.InvariantCulture, $"SELECT {InfluxQl.Identifiers(["json", "park"])} FROM {InfluxQl.Identifier(Measurement)} WHERE time > {since}{where} ORDER BY time ASC LIMIT {Page}"),
                cancellationToken);
            var count = 0;
            foreach (var row in Rows(document.RootElement))
            {
                count++;
                after = row[0].GetInt64();
                var e = JsonSerializer.Deserialize<AlertEvent>(row[1].GetString()!, Json)!;
                events.Add((row[2].GetString() ?? "", e));
            }

            _lastMilliseconds = Math.Max(_lastMilliseconds, after);
            if (count < Page)
            {
                return events;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(string Park, AlertEvent Event)>();
        var lines = new StringBuilder();
        var backoff = WriteRetry.Start(time);
        while (await _pending.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < 1000 && _pending.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            lines.Clear();
            foreach (var (park, e) in batch)
            {
                AppendLine(lines, park, e);
            }

            var result = await influx.WriteAsync(Encoding.UTF8.GetBytes(lines.ToString()), stoppingToken);
            if (result.Outcome == InfluxWriteOutcome.DatabaseMissing)
            {
                await influx.EnsureDatabaseAsync(stoppingToken);
                continue;
            }

            if (result.Outcome is InfluxWriteOutcome.Retryable)
            {
                AlertsLog.EventWriteFailed(logger, batch.Count, result.Error);
                await backoff.WaitNextAsync(stoppingToken);
                continue;
            }

            if (result.Outcome != InfluxWriteOutcome.Written)
            {
                AlertsLog.EventRejected(logger, batch.Count, result.Error);
            }

            Interlocked.Add(ref _backlog, -batch.Count);
            batch.Clear();
            backoff.Reset();
        }
    }

    private void AppendLine(StringBuilder lines, string park, AlertEvent e)
    {
        var milliseconds = Math.Max(e.At.ToUnixTimeMilliseconds(), _lastMilliseconds + 1);
        _lastMilliseconds = milliseconds;
        // Park and station are validated identifiers ([A-Za-z0-9_.-]): nothing to escape in tags.
        lines.Append(Measurement).Append(",park=").Append(park).Append(",station=").Append(e.Cause.Station)
            .Append(" kind=\"").Append(WireName.Of(e.Kind))
            .Append("\",alert=\"").Append(Escape(e.AlertId.Value))
            .Append("\",severity=").Append(((int)e.Severity).ToString(CultureInfo.InvariantCulture))
            .Append("i,seq=").Append(e.Sequence.ToString(CultureInfo.InvariantCulture))
            .Append("i,json=\"").Append(Escape(JsonSerializer.Serialize(e, Json)))
            .Append("\" ").Append(milliseconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    /// <summary>A string field value: backslash and double quote escaped (the JSON text holds no raw newline).</summary>
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static IEnumerable<JsonElement[]> Rows(JsonElement root)
    {
        foreach (var result in root.GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("series", out var series))
            {
                continue;
            }

            foreach (var serie in series.EnumerateArray())
            {
                foreach (var row in serie.GetProperty("values").EnumerateArray())
                {
                    yield return row.EnumerateArray().ToArray();
                }
            }
        }
    }
}
