using System.Globalization;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Backtest;

/// <summary>
/// Runs a fresh <see cref="RuleEngine"/> over a station's stored samples as if they were arriving
/// live: the clock is data time (each sample's measurement time), and the engine is ticked every
/// <see cref="BacktestArguments.Tick"/> of data time so offline, silent parameters and local days
/// are judged. The warm-up before <see cref="BacktestArguments.From"/> runs the same way, so windows,
/// runs and alerts open at the start are as they would have been; only transitions from the start on
/// are reported.
/// </summary>
internal sealed class BacktestRun(SampleHistory history, TimeProvider wallClock, TextWriter progress)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);

    public async Task<BacktestResult> RunAsync(RegisteredStation station, RuleSettings settings, BacktestArguments arguments, CancellationToken cancellationToken)
    {
        var profile = StationRuleProfile.Create(
            station.Station, station.Medium, station.Profile.Limits, station.Profile.Monitored, settings);
        var warmFrom = arguments.From - arguments.Warmup;
        // Ticking into the future would call every station offline: the run stops at the present.
        var end = Min(arguments.To, wallClock.GetUtcNow());
        var clock = new BacktestClock(warmFrom);
        var engine = new RuleEngine(clock);
        engine.Configure(profile);

        var batch = new List<AlertEvent>();
        var reported = new List<AlertEvent>();
        IReadOnlyList<AlertSnapshot>? openAtStart = null;
        long samples = 0, warmupSamples = 0;
        var nextTick = warmFrom + arguments.Tick;
        var lastProgress = wallClock.GetTimestamp();

        // Called before the engine acts at an instant: the first time it is inside the range, the
        // alerts then active are those open at the start.
        void Entering(DateTimeOffset instant)
        {
            if (openAtStart is null && instant >= arguments.From)
            {
                openAtStart = AlertSnapshot.Of(engine.Alerts.Active);
            }
        }

        void Collect()
        {
            foreach (var e in batch)
            {
                if (e.At >= arguments.From)
                {
                    reported.Add(e);
                }
            }

            batch.Clear();
        }

        void TickUntil(DateTimeOffset instant)
        {
            while (nextTick <= instant)
            {
                Entering(nextTick);
                clock.AdvanceTo(nextTick);
                engine.Tick(batch);
                Collect();
                nextTick += arguments.Tick;
            }
        }

        await foreach (var (_, sample) in history.ReadAsync(station.Station, warmFrom, end, cancellationToken))
        {
            TickUntil(sample.Timestamp);
            Entering(sample.Timestamp);
            clock.AdvanceTo(sample.Timestamp);
            engine.Evaluate(sample, batch);
            Collect();
            if (sample.Timestamp < arguments.From)
            {
                warmupSamples++;
            }
            else
            {
                samples++;
            }

            if (wallClock.GetElapsedTime(lastProgress) >= ProgressEvery)
            {
                lastProgress = wallClock.GetTimestamp();
                Report(sample, arguments, samples, reported.Count);
            }
        }

        TickUntil(end);
        Entering(end);
        return new BacktestResult(
            station, settings, arguments.From, arguments.To, warmFrom, samples, warmupSamples, reported,
            openAtStart ?? AlertSnapshot.Of(engine.Alerts.Active), AlertSnapshot.Of(engine.Alerts.Active), engine.Counters);
    }

    private void Report(Sample sample, BacktestArguments arguments, long samples, int events)
    {
        var done = Math.Clamp((sample.Timestamp - arguments.From) / (arguments.To - arguments.From), 0, 1);
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backtest: {ProvinceTime.ToLocal(sample.Timestamp):yyyy-MM-dd HH:mm} (+07:00) {done * 100:0}% · {samples:N0} samples · {events:N0} events"));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
