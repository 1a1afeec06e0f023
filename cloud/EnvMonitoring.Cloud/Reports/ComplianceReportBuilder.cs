using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Cloud.Annotations;
using EnvMonitoring.Cloud.History;
using EnvMonitoring.Cloud.Seals;
using EnvMonitoring.Cloud.Series;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Compliance;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// Builds a <see cref="ComplianceReport"/>: hourly stats of valid readings (rollups, raw data for
/// what is not rolled up yet) go through the pure <see cref="ComplianceCalculator"/>; the peak
/// reading's exact time is then looked up in the raw data of its hour. A parameter that approved
/// annotations touch gets its annotated figures beside the original ones (<see cref="AnnotatedFigures"/>);
/// every annotation of the station that touches the period is listed, in whatever state. Each local
/// day is checked against its seals (<see cref="IntegrityChecker"/>), so the report names the seals it
/// was computed from.
/// </summary>
internal sealed class ComplianceReportBuilder(
    HistorySeries series, DayInputsReader days, RawSampleReader raw, StoredStations stored, AlertEventStore alerts, AnnotationBook annotations, AnnotatedFigures annotated,
    IntegrityChecker integrity, SampleCodec codec, TimeProvider time)
{
    public async Task<ComplianceReport> BuildAsync(RegisteredStation station, DateTimeOffset from, DateTimeOffset to, string user, CancellationToken cancellationToken)
    {
        var profile = station.Profile;
        var parameters = profile.Monitored.Count > 0 ? profile.Monitored.ToList() : await stored.ParametersAsync(codec.Catalog, cancellationToken);
        var basis = JudgingBases.For(station.Medium);
        var limits = parameters.Select(profile.LimitFor).ToList();
        var hours = await HoursAsync(station.Station, parameters, from, to, cancellationToken);
        var inputs = basis == JudgingBasis.LocalDayMean ? await days.ReadAsync(station.Station, parameters, limits, from, to, cancellationToken) : null;
        var results = inputs is not null
            ? ByDays(station, parameters, limits, from, to, inputs)
            : ByHours(station, parameters, limits, from, to, hours);
        var touching = await annotations.FindAsync(a => a.Station == station.Station && a.Overlaps(from, to), cancellationToken);
        var reports = new List<ParameterReport>();
        for (var p = 0; p < results.Count; p++)
        {
            var report = await ViewAsync(station.Station, results[p], cancellationToken) with { Calibrations = Calibrations(hours[p]) };
            var approved = touching.Where(a => a.Parameter == parameters[p].Code && a.State == AnnotationState.Approved).ToList();
            if (approved.Count > 0)
            {
                var figures = inputs is not null
                    ? await annotated.DaysAsync(station.Station, parameters[p], limits[p], from, to, station.ExpectedInterval, profile.Settings, inputs[p], approved, cancellationToken)
                    : await annotated.HoursAsync(station.Station, parameters[p], limits[p], from, to, station.ExpectedInterval, profile.Settings, hours[p], approved, cancellationToken);
                report = report with { Annotated = await ViewAsync(station.Station, figures, cancellationToken) with { Calibrations = report.Calibrations } };
            }

            reports.Add(report);
        }

        return new ComplianceReport(
            station.Station, station.Park, station.Name, WireName.Of(station.Medium),
            Local(from), Local(to), Local(time.GetUtcNow()), user,
            (int)station.ExpectedInterval.TotalSeconds, profile.Settings.MinimumCompleteness,
            basis == JudgingBasis.HourlyMean ? "hourlyMean" : "localDayMean",
            $"{SeverityScale.Default.Id} ({SeverityScale.Default.Source})",
            reports, await AlertsAsync(station.Station, from, to, cancellationToken), null,
            [series.Describe(station.Station, parameters, basis == JudgingBasis.LocalDayMean ? HistoryWindow.Day : HistoryWindow.Hour, from, to)])
        {
            ParkName = station.Place.ParkName,
            Facility = station.Place.Facility,
            Permit = station.Place.Permit,
            Annotations = touching.Count > 0 ? touching.Select(AnnotationView.Of).ToList() : null,
            Integrity = await IntegrityAsync(station.Station, from, to, cancellationToken),
        };
    }

    /// <summary>
    /// The period's local days (up to today) against their seals, <see cref="IntegrityChecker.MaxDays"/> at
    /// a time; a period longer than <see cref="ReportIntegrity.MaxCheckedDays"/> only names each day's
    /// seals (checking re-reads every raw reading: a year would take a minute), and says so.
    /// </summary>
    private async Task<List<ReportIntegrity>> IntegrityAsync(string station, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var first = ProvinceTime.DayOf(from);
        var last = ProvinceTime.DayOf(to.AddTicks(-1));
        var today = ProvinceTime.DayOf(time.GetUtcNow());
        last = last < today ? last : today;
        var check = last.DayNumber - first.DayNumber < ReportIntegrity.MaxCheckedDays;
        var days = new List<ReportIntegrity>();
        for (var start = first; start <= last; start = start.AddDays(IntegrityChecker.MaxDays))
        {
            var end = start.AddDays(IntegrityChecker.MaxDays - 1);
            end = end < last ? end : last;
            if (check)
            {
                days.AddRange((await integrity.CheckAsync(station, start, end, cancellationToken)).Select(ReportIntegrity.Of));
                continue;
            }

            var seals = await integrity.SealsAsync(station, start, end, cancellationToken);
            for (var day = start; day <= end; day = day.AddDays(1))
            {
                days.Add(ReportIntegrity.NotChecked(day, seals.GetValueOrDefault(day) ?? []));
            }
        }

        return days;
    }

    /// <summary>Local-day judgement from daily rollups (a year is ~400 rows, not 8,760 hours).</summary>
    private static List<ParameterCompliance> ByDays(
        RegisteredStation station, List<Parameter> parameters, List<ParameterLimit?> limits, DateTimeOffset from, DateTimeOffset to, DayInputs[] inputs) =>
        parameters.Select((p, i) => ComplianceCalculator.EvaluateDays(
            p, limits[i], from, to, station.ExpectedInterval, inputs[i].Days, inputs[i].EmptyHours, inputs[i].Extremes, SeverityScale.Default, station.Profile.Settings)).ToList();

    /// <summary>Hourly stats per parameter (hours holding a reading): the judged windows of a stack, the calibration periods of every station.</summary>
    private async Task<List<HourStats>[]> HoursAsync(string station, List<Parameter> parameters, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var hours = parameters.Select(_ => new List<HourStats>()).ToArray();
        await foreach (var row in series.ReadAsync(station, parameters, HistoryWindow.Hour, from, to, cancellationToken))
        {
            for (var p = 0; p < parameters.Count; p++)
            {
                if (row.Stats[p].Total > 0)
                {
                    hours[p].Add(new HourStats(row.Start, row.Stats[p]));
                }
            }
        }

        return hours;
    }

    private static List<ParameterCompliance> ByHours(
        RegisteredStation station, List<Parameter> parameters, List<ParameterLimit?> limits, DateTimeOffset from, DateTimeOffset to, List<HourStats>[] hours) =>
        parameters.Select((p, i) => ComplianceCalculator.Evaluate(
            p, limits[i], JudgingBasis.HourlyMean, from, to, station.ExpectedInterval, hours[i], SeverityScale.Default, station.Profile.Settings)).ToList();

    /// <summary>Consecutive hours holding calibration records, merged into periods.</summary>
    private static List<ReportCalibration> Calibrations(List<HourStats> hours)
    {
        var periods = new List<ReportCalibration>();
        foreach (var hour in hours.Where(h => h.Stats.Calibrating > 0).OrderBy(h => h.Start))
        {
            var start = Local(hour.Start);
            if (periods.Count > 0 && periods[^1].To == start)
            {
                periods[^1] = periods[^1] with { To = start.AddHours(1), Records = periods[^1].Records + hour.Stats.Calibrating };
            }
            else
            {
                periods.Add(new ReportCalibration(start, start.AddHours(1), hour.Stats.Calibrating));
            }
        }

        return periods;
    }

    /// <summary>
    /// Every alert transition of the station about a time in the period, oldest first: a local-day
    /// mean's events by the day they judge (<see cref="AlertEvent.JudgedAt"/>), not the midnight that ends it.
    /// </summary>
    private async Task<List<AlertEventView>> AlertsAsync(string station, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var events = await alerts.ReadAllAsync(station, cancellationToken);
        return events.Select(e => e.Event)
            .Where(e => e.JudgedAt >= from && e.JudgedAt < to)
            .OrderBy(e => e.JudgedAt).ThenBy(e => e.Sequence)
            .Select(AlertEventView.Of)
            .ToList();
    }

    private async Task<ParameterReport> ViewAsync(string station, ParameterCompliance result, CancellationToken cancellationToken)
    {
        var t = result.Totals;
        var limit = result.Limit is { } l ? LimitOf(l) : null;
        var worst = result.WorstWindow is { Mean: { } mean, Judgement: { } judged } w
            ? Judged(new ReportWorstWindow(Local(w.Start), Local(w.End), mean, w.Multiple, WireName.Of(w.Severity)), judged)
            : null;
        ReportPeak? peak = null;
        if (result.PeakReading is { } pk)
        {
            var at = await ExactTimeAsync(station, result.Parameter, pk, cancellationToken);
            peak = Judged(new ReportPeak(Local(at ?? pk.HourStart), at is not null, pk.Value, pk.Multiple, WireName.Of(pk.Severity)), pk.Judgement);
        }

        return new ParameterReport(
            result.Parameter.Code, result.Parameter.Name, result.Parameter.Unit, limit,
            result.Expected, t.Valid, result.Completeness,
            new ReportExclusions(t.Calibrating, t.Fault, t.Invalid, t.Excluded) { Annotated = t.Annotated },
            result.Windows.Count, result.CountedWindows,
            result.Exceedances.ToDictionary(e => WireName.Of(e.Key), e => e.Value), result.ExceedanceCount,
            worst, peak,
            result.Windows.Select(x => Judged(
                new ReportWindow(
                    Local(x.Start), Local(x.End), x.Mean, x.Stats.Minimum, x.Stats.Maximum, x.Stats.Valid, x.Completeness,
                    x.Counted, x.Multiple, WireName.Of(x.Severity)),
                x.Judgement)).ToList(),
            result.Gaps.Select(g => new ReportGap(Local(g.From), Local(g.To), g.Length.TotalHours)).ToList());
    }

    /// <summary>The first valid reading of the peak's hour with the peak's value; null when raw data no longer holds it.</summary>
    private async Task<DateTimeOffset?> ExactTimeAsync(string station, Parameter parameter, PeakReading peak, CancellationToken cancellationToken)
    {
        await foreach (var page in raw.ReadAsync(station, [parameter], peak.HourStart, peak.HourStart.AddHours(1), cancellationToken))
        {
            for (var r = 0; r < page.Rows; r++)
            {
                if (page.Has(r, 0) && page.Status(r, 0) == 0 && page.Value(r, 0) == peak.Value)
                {
                    return DateTimeOffset.FromUnixTimeMilliseconds(page.Time(r));
                }
            }
        }

        return null;
    }

    /// <summary>A station's limit as the report carries it: values, where they come from, the coefficients and what determined each.</summary>
    internal static ReportLimit LimitOf(ParameterLimit limit) =>
        new(limit.Min, limit.Max, WireName.Of(limit.Source), limit.Basis, limit.ToVerify)
        {
            Regulation = limit.Terms?.Regulation,
            Column = limit.Terms?.Column,
            Factors = (limit.Terms?.Factors ?? []).Select(f => new ReportFactor(f.Name, (double)f.Value, f.Input, (double?)f.Quantity, f.Choice)).ToList(),
            Permit = limit.Terms?.Permit,
        };

    private static DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(ProvinceTime.Offset);

    private static T Judged<T>(T report, LimitJudgement? judged)
        where T : ReportJudged =>
        judged is { Bound: { } bound } j ? report with { Bound = WireName.Of(bound), Limit = j.Limit, Band = j.Band } : report;
}
