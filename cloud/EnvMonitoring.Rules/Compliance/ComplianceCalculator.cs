using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Compliance;

/// <summary>
/// The arithmetic of a compliance report, from hourly stats of valid readings (no I/O):
/// completeness = valid records / records expected from the station's interval over the period;
/// one judged mean per window of the <see cref="JudgingBasis"/>, counted when it holds at least
/// <see cref="RuleSettings.MinimumCompleteness"/> of the window's expected records; a counted mean
/// beyond the limit is an exceedance, sorted into its Decree 45/2022 tier by the multiple
/// (<see cref="SeverityScale"/>; a range such as pH by the band of the value, against the bound it breaks).
/// Means are arithmetic, not flow-weighted.
/// </summary>
public static class ComplianceCalculator
{
    public static ParameterCompliance Evaluate(
        Parameter parameter,
        ParameterLimit? limit,
        JudgingBasis basis,
        DateTimeOffset from,
        DateTimeOffset to,
        TimeSpan expectedInterval,
        IEnumerable<HourStats> hours,
        SeverityScale scale,
        RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(settings);
        Check(from, to, expectedInterval);
        var byHour = new SortedDictionary<long, WindowStats>();
        foreach (var hour in hours)
        {
            if (hour.Start >= from && hour.Start < to)
            {
                var key = ProvinceTime.StartOfHour(hour.Start).UtcTicks;
                byHour[key] = byHour.TryGetValue(key, out var known) ? known.Merge(hour.Stats) : hour.Stats;
            }
        }

        var candidates = byHour.Where(h => h.Value.Valid > 0)
            .SelectMany(h => new[] { (h.Key, h.Value.Max), (h.Key, h.Value.Min) });
        return Judged(parameter, limit, basis, from, to, expectedInterval, byHour, candidates,
            hour => !byHour.TryGetValue(hour, out var stats) || stats.Total == 0, scale, settings);
    }

    /// <summary>
    /// The same judgement on local days from day stats (daily rollups, keyed at local midnight),
    /// so a long period needs no hourly detail: <paramref name="emptyHours"/> are the hours without
    /// any reading (for gaps) and <paramref name="extremes"/> the candidate peak readings, by hour.
    /// </summary>
    public static ParameterCompliance EvaluateDays(
        Parameter parameter,
        ParameterLimit? limit,
        DateTimeOffset from,
        DateTimeOffset to,
        TimeSpan expectedInterval,
        IEnumerable<HourStats> days,
        IEnumerable<DateTimeOffset> emptyHours,
        IEnumerable<(DateTimeOffset Hour, double Value)> extremes,
        SeverityScale scale,
        RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(emptyHours);
        ArgumentNullException.ThrowIfNull(extremes);
        Check(from, to, expectedInterval);
        var byDay = new SortedDictionary<long, WindowStats>();
        foreach (var day in days)
        {
            if (day.Start >= from && day.Start < to)
            {
                var key = ProvinceTime.StartOfDay(day.Start).UtcTicks;
                byDay[key] = byDay.TryGetValue(key, out var known) ? known.Merge(day.Stats) : day.Stats;
            }
        }

        var empty = emptyHours.Select(h => ProvinceTime.StartOfHour(h).UtcTicks).ToHashSet();
        return Judged(parameter, limit, JudgingBasis.LocalDayMean, from, to, expectedInterval, byDay,
            extremes.Where(e => e.Hour >= from && e.Hour < to && double.IsFinite(e.Value)).Select(e => (ProvinceTime.StartOfHour(e.Hour).UtcTicks, e.Value)), empty.Contains, scale, settings);
    }

    private static void Check(DateTimeOffset from, DateTimeOffset to, TimeSpan expectedInterval)
    {
        if (from >= to)
        {
            throw new ArgumentException("The period must end after it starts.", nameof(to));
        }

        if (expectedInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedInterval), expectedInterval, "The expected interval must be positive.");
        }
    }

    private static ParameterCompliance Judged(
        Parameter parameter, ParameterLimit? limit, JudgingBasis basis, DateTimeOffset from, DateTimeOffset to, TimeSpan expectedInterval,
        SortedDictionary<long, WindowStats> stats, IEnumerable<(long Hour, double Value)> extremes, Func<long, bool> isEmptyHour,
        SeverityScale scale, RuleSettings settings)
    {
        var shape = new LimitShape(limit, scale);
        var approach = settings.ApproachRatio ?? double.NaN;
        var totals = stats.Values.Aggregate(WindowStats.Empty, (sum, s) => sum.Merge(s));
        var expected = (long)((to - from).Ticks / expectedInterval.Ticks);
        var windows = Judge(stats, basis, from, to, expectedInterval, shape, scale, settings.MinimumCompleteness, approach);
        var exceedances = ParameterCompliance.ExceedanceLevels.ToDictionary(level => level, level => windows.Count(w => w.IsExceedance && w.Severity == level));
        JudgedWindow? worst = null;
        foreach (var window in windows)
        {
            if (window is { Counted: true, Judgement: { } judged } && (worst is null || judged.IsWorseThan(worst.Judgement!.Value)))
            {
                worst = window;
            }
        }

        return new ParameterCompliance(
            parameter, limit, basis, from, to, totals, expected,
            expected > 0 ? (double)totals.Valid / expected : 0,
            windows, exceedances, worst, Peak(extremes, shape, scale, approach), Gaps(isEmptyHour, from, to));
    }

    private static List<JudgedWindow> Judge(
        SortedDictionary<long, WindowStats> byHour, JudgingBasis basis, DateTimeOffset from, DateTimeOffset to, TimeSpan interval,
        LimitShape shape, SeverityScale scale, double minimumCompleteness, double approach)
    {
        var windows = new List<JudgedWindow>();
        var length = basis.Length();
        var start = basis == JudgingBasis.LocalDayMean ? ProvinceTime.StartOfDay(from) : ProvinceTime.StartOfHour(from);
        for (; start < to; start += length)
        {
            var end = start + length;
            // A window cut by the period's ends expects only the records of the part inside it.
            var inside = (end < to ? end : to) - (start > from ? start : from);
            var expected = (double)inside.Ticks / interval.Ticks;
            var stats = WindowStats.Empty;
            for (var hour = start.UtcTicks; hour < end.UtcTicks; hour += TimeSpan.TicksPerHour)
            {
                if (byHour.TryGetValue(hour, out var s))
                {
                    stats = stats.Merge(s);
                }
            }

            var completeness = expected > 0 ? stats.Valid / expected : 0;
            LimitJudgement? judged = shape.Exists && stats.Mean is { } mean ? shape.Judge(mean, scale, approach) : null;
            windows.Add(new JudgedWindow(start, end, stats, expected, completeness, stats.Valid > 0 && completeness >= minimumCompleteness, judged));
        }

        return windows;
    }

    private static PeakReading? Peak(IEnumerable<(long Hour, double Value)> extremes, LimitShape shape, SeverityScale scale, double approach)
    {
        if (!shape.Exists)
        {
            return null;
        }

        PeakReading? peak = null;
        foreach (var (hour, value) in extremes)
        {
            var judged = shape.Judge(value, scale, approach);
            if (peak is null || judged.IsWorseThan(peak.Judgement) || (!peak.Judgement.IsWorseThan(judged) && hour < peak.HourStart.UtcTicks))
            {
                peak = new PeakReading(new DateTimeOffset(hour, TimeSpan.Zero), value, judged);
            }
        }

        return peak;
    }

    private static List<DataGap> Gaps(Func<long, bool> isEmptyHour, DateTimeOffset from, DateTimeOffset to)
    {
        var gaps = new List<DataGap>();
        long? gapStart = null;
        var first = ProvinceTime.StartOfHour(from).UtcTicks;
        for (var hour = first; hour < to.UtcTicks; hour += TimeSpan.TicksPerHour)
        {
            if (isEmptyHour(hour))
            {
                gapStart ??= hour;
            }
            else if (gapStart is { } open)
            {
                gaps.Add(new DataGap(new DateTimeOffset(open, TimeSpan.Zero), new DateTimeOffset(hour, TimeSpan.Zero)));
                gapStart = null;
            }
        }

        if (gapStart is { } last)
        {
            gaps.Add(new DataGap(new DateTimeOffset(last, TimeSpan.Zero), to));
        }

        return gaps;
    }
}
