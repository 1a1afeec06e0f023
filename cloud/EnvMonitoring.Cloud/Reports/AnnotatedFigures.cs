using EnvMonitoring.Cloud.Annotations;
using EnvMonitoring.Cloud.Series;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Compliance;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Reports;

/// <summary>
/// A parameter's annotated figures: the same judgement as the original ones, with the windows
/// (local days or hours) that approved annotations touch folded again from the raw readings, each
/// reading counted as <see cref="AnnotationEffect"/> says. Windows no annotation touches keep their
/// original stats, so the two sets of figures differ only where an annotation applies. Stored data
/// is never changed.
/// </summary>
internal sealed class AnnotatedFigures(RawSampleReader raw)
{
    /// <summary>The local-day judgement of <paramref name="inputs"/> with the days <paramref name="approved"/> touch refolded.</summary>
    public async Task<ParameterCompliance> DaysAsync(
        string station, Parameter parameter, ParameterLimit? limit, DateTimeOffset from, DateTimeOffset to, TimeSpan interval, RuleSettings settings,
        DayInputs inputs, IReadOnlyList<Annotation> approved, CancellationToken cancellationToken)
    {
        var spans = Spans(approved, from, to, ProvinceTime.StartOfDay, ProvinceTime.CeilingOfDay);
        var hours = await RefoldAsync(station, parameter, spans, approved, cancellationToken);
        var days = inputs.Days.Where(d => !Within(spans, d.Start)).Concat(hours.Select(h => new HourStats(h.Key, h.Value)));
        var extremes = inputs.Extremes.Where(e => !Within(spans, e.Hour))
            .Concat(hours.Where(h => h.Value.Valid > 0).SelectMany(h => new[] { (h.Key, h.Value.Max), (h.Key, h.Value.Min) }));
        return ComplianceCalculator.EvaluateDays(parameter, limit, from, to, interval, days, inputs.EmptyHours, extremes, SeverityScale.Default, settings);
    }

    /// <summary>The hourly judgement of <paramref name="hours"/> with the hours <paramref name="approved"/> touch refolded.</summary>
    public async Task<ParameterCompliance> HoursAsync(
        string station, Parameter parameter, ParameterLimit? limit, DateTimeOffset from, DateTimeOffset to, TimeSpan interval, RuleSettings settings,
        List<HourStats> hours, IReadOnlyList<Annotation> approved, CancellationToken cancellationToken)
    {
        var spans = Spans(approved, from, to, ProvinceTime.StartOfHour, t => ProvinceTime.StartOfHour(t.AddTicks(-1)).AddHours(1));
        var refolded = await RefoldAsync(station, parameter, spans, approved, cancellationToken);
        var annotated = hours.Where(h => !Within(spans, h.Start)).Concat(refolded.Select(h => new HourStats(h.Key, h.Value)));
        return ComplianceCalculator.Evaluate(parameter, limit, JudgingBasis.HourlyMean, from, to, interval, annotated, SeverityScale.Default, settings);
    }

    /// <summary>The raw readings of <paramref name="spans"/> folded into hours, each counted as the annotations say.</summary>
    private async Task<SortedDictionary<DateTimeOffset, WindowStats>> RefoldAsync(
        string station, Parameter parameter, List<(DateTimeOffset From, DateTimeOffset To)> spans, IReadOnlyList<Annotation> approved, CancellationToken cancellationToken)
    {
        // Read like the original figures' windows are folded (WindowAggregator): one validity rule.
        var negative = RuleSettings.Default.NegativeAllowed.Contains(parameter.Code);
        var hours = new SortedDictionary<DateTimeOffset, WindowStats>();
        foreach (var (start, end) in spans)
        {
            await foreach (var page in raw.ReadAsync(station, [parameter], start, end, cancellationToken))
            {
                for (var r = 0; r < page.Rows; r++)
                {
                    if (!page.Has(r, 0))
                    {
                        continue;
                    }

                    var at = DateTimeOffset.FromUnixTimeMilliseconds(page.Time(r));
                    var (kind, value) = AnnotationEffect.Classify(approved, at, page.Value(r, 0), page.Status(r, 0), negative);
                    var hour = ProvinceTime.StartOfHour(at);
                    hours[hour] = (hours.TryGetValue(hour, out var known) ? known : WindowStats.Empty).Add(kind, value);
                }
            }
        }

        return hours;
    }

    /// <summary>The whole windows the annotations touch inside [from, to), merged where they meet.</summary>
    private static List<(DateTimeOffset From, DateTimeOffset To)> Spans(
        IReadOnlyList<Annotation> approved, DateTimeOffset from, DateTimeOffset to, Func<DateTimeOffset, DateTimeOffset> floor, Func<DateTimeOffset, DateTimeOffset> ceiling)
    {
        var spans = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var a in approved.Where(a => a.Overlaps(from, to)).OrderBy(a => a.From))
        {
            var start = floor(a.From > from ? a.From : from);
            var end = ceiling(a.To < to ? a.To : to);
            if (spans.Count > 0 && start <= spans[^1].To)
            {
                spans[^1] = (spans[^1].From, end > spans[^1].To ? end : spans[^1].To);
            }
            else
            {
                spans.Add((start, end));
            }
        }

        return spans;
    }

    private static bool Within(List<(DateTimeOffset From, DateTimeOffset To)> spans, DateTimeOffset at) => spans.Exists(s => at >= s.From && at < s.To);
}
