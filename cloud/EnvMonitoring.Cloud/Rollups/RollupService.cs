using System.Diagnostics;
using EnvMonitoring.Cloud.Series;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Compliance;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Rollups;

/// <summary>
/// Keeps hourly and local-day rollups of every station. Each pass compares, hour by hour over the
/// late-data horizon (or since the last rollup, or since the first sample), the number of raw
/// readings per parameter with the number the stored rollup accounts for; an hour that differs
/// received data since it was rolled up (late data, a replayed outage) and is recomputed from raw
/// data, then the local days holding it. The comparison needs no state, so a restart forgets nothing.
/// </summary>
internal sealed class RollupService(
    InfluxClient influx,
    StoredStations stored,
    RawSampleReader raw,
    RollupStore store,
    RollupStatus status,
    RetentionSetup retention,
    SampleCodec codec,
    IOptions<RollupOptions> options,
    TimeProvider time,
    ILogger<RollupService> logger) : BackgroundService
{
    private static readonly TimeSpan Chunk = TimeSpan.FromDays(30);
    private readonly RollupOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await retention.EnsureAsync(stoppingToken);
                break;
            }
            catch (Exception e) when (e is InfluxException or HttpRequestException)
            {
                RollupLog.SetupFailed(logger, _options.Interval, e);
                await Task.Delay(_options.Interval, time, stoppingToken);
            }
        }

        using var timer = new PeriodicTimer(_options.Interval, time);
        do
        {
            try
            {
                await RunPassAsync(stoppingToken);
            }
            catch (Exception e) when (e is InfluxException or HttpRequestException)
            {
                status.PassFailed(e.Message);
                RollupLog.PassFailed(logger, _options.Interval, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over every station; passes never overlap. Throws when InfluxDB fails.</summary>
    public async Task RunPassAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Idempotent: a pass asked for before the first one (a recompute, a test) finds the policy there too.
            await retention.EnsureAsync(cancellationToken);
            var started = time.GetUtcNow();
            var clock = Stopwatch.StartNew();
            var stations = await stored.ListAsync(cancellationToken);
            var parameters = await stored.ParametersAsync(codec.Catalog, cancellationToken);
            var (hours, days) = (0, 0);
            foreach (var (park, station) in stations)
            {
                var (h, d) = await RollUpStationAsync(park, station, parameters, started, cancellationToken);
                hours += h;
                days += d;
            }

            status.PassCompleted(started, time.GetUtcNow(), hours, days);
            if (hours > 0)
            {
                RollupLog.Pass(logger, stations.Count, hours, days, clock.Elapsed);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Recomputes every hour of [from, to) that holds raw data, and its days, whatever the counts say.</summary>
    public async Task<(int Hours, int Days)> RecomputeAsync(string park, string station, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var parameters = await stored.ParametersAsync(codec.Catalog, cancellationToken);
            return await RecomputeRangeAsync(park, station, parameters, ProvinceTime.StartOfHour(from), to, force: true, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(int Hours, int Days)> RollUpStationAsync(string park, string station, List<Parameter> parameters, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await stored.EdgeTimeAsync(InfluxQl.Identifier(SampleSchema.Measurement), station, last: false, cancellationToken) is not { } firstRaw)
        {
            return (0, 0);
        }

        var lastRollup = await stored.EdgeTimeAsync(store.Source(RollupSchema.Hourly), station, last: true, cancellationToken);
        var horizon = now - _options.LateDataHorizon;
        var start = lastRollup is not { } last ? firstRaw : last < horizon ? last : horizon;
        if (start < firstRaw)
        {
            start = firstRaw;
        }

        return await RecomputeRangeAsync(park, station, parameters, ProvinceTime.StartOfHour(start), ProvinceTime.StartOfHour(now).AddHours(1), force: false, cancellationToken);
    }

    private async Task<(int Hours, int Days)> RecomputeRangeAsync(
        string park, string station, List<Parameter> parameters, DateTimeOffset from, DateTimeOffset to, bool force, CancellationToken cancellationToken)
    {
        var dirtyDays = new SortedSet<DateTimeOffset>();
        var hours = 0;
        for (var start = from; start < to; start += Chunk)
        {
            var end = start + Chunk < to ? start + Chunk : to;
            var dirty = await DirtyHoursAsync(station, parameters, start, end, force, cancellationToken);
            foreach (var (runStart, runEnd) in Runs(dirty))
            {
                var rows = new List<WindowRow>();
                await foreach (var row in WindowAggregator.AggregateAsync(raw.ReadAsync(station, parameters, runStart, runEnd, cancellationToken), parameters, HistoryWindow.Hour, cancellationToken))
                {
                    rows.Add(row);
                    dirtyDays.Add(ProvinceTime.StartOfDay(row.Start));
                }

                await store.WriteAsync(RollupSchema.Hourly, park, station, parameters, rows, cancellationToken);
                hours += rows.Count;
            }
        }

        foreach (var (dayStart, dayEnd) in Runs(dirtyDays.Select(d => d.UtcTicks).ToList(), TimeSpan.TicksPerDay))
        {
            var days = new List<WindowRow>();
            await foreach (var hour in store.ReadAsync(RollupSchema.Hourly, station, parameters, dayStart, dayEnd, cancellationToken))
            {
                var day = ProvinceTime.StartOfDay(hour.Start);
                if (days.Count == 0 || days[^1].Start != day)
                {
                    days.Add(new WindowRow(day, hour.Stats));
                }
                else
                {
                    var merged = days[^1].Stats;
                    for (var p = 0; p < merged.Length; p++)
                    {
                        merged[p] = merged[p].Merge(hour.Stats[p]);
                    }
                }
            }

            await store.WriteAsync(RollupSchema.Daily, park, station, parameters, days, cancellationToken);
        }

        return (hours, dirtyDays.Count);
    }

    /// <summary>Hours of [from, to) whose raw reading counts differ from the stored rollup's (all hours with data when forced).</summary>
    private async Task<List<long>> DirtyHoursAsync(string station, List<Parameter> parameters, DateTimeOffset from, DateTimeOffset to, bool force, CancellationToken cancellationToken)
    {
        var counts = string.Join(",", parameters.Select(p => $"count({InfluxQl.Identifier(p.Code)})"));
        var query = $"SELECT {counts} FROM {InfluxQl.Identifier(SampleSchema.Measurement)} WHERE {InfluxQl.Is(SampleSchema.StationTag, station)} AND {InfluxQl.Range(from, to)} GROUP BY time(1h) fill(none)";
        var rawCounts = new SortedDictionary<long, long[]>();
        using (var document = await influx.QueryAsync(query, cancellationToken))
        {
            foreach (var (_, row) in SeriesRows.Of(document))
            {
                var perParameter = new long[parameters.Count];
                for (var p = 0; p < parameters.Count; p++)
                {
                    perParameter[p] = SeriesRows.Long(row[p + 1]);
                }

                rawCounts[row[0].GetInt64() * TimeSpan.TicksPerMillisecond + DateTimeOffset.UnixEpoch.UtcTicks] = perParameter;
            }
        }

        var storedTotals = new Dictionary<long, WindowStats[]>();
        if (!force)
        {
            await foreach (var row in store.ReadAsync(RollupSchema.Hourly, station, parameters, from, to, cancellationToken))
            {
                storedTotals[row.Start.UtcTicks] = row.Stats;
            }
        }

        var dirty = new List<long>();
        foreach (var (hour, perParameter) in rawCounts)
        {
            if (force || !storedTotals.TryGetValue(hour, out var stats) || !perParameter.AsSpan().SequenceEqual(stats.Select(s => s.Total).ToArray()))
            {
                dirty.Add(hour);
            }
        }

        return dirty;
    }

    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Runs(List<long> starts, long length = TimeSpan.TicksPerHour)
    {
        for (var i = 0; i < starts.Count;)
        {
            var first = starts[i];
            var next = first + length;
            while (++i < starts.Count && starts[i] == next)
            {
                next += length;
            }

            yield return (new DateTimeOffset(first, TimeSpan.Zero), new DateTimeOffset(next, TimeSpan.Zero));
        }
    }
}
