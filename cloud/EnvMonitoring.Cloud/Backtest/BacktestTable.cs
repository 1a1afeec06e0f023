using System.Globalization;
using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Backtest;

/// <summary>The back-test as a person reads it: one line per transition, local times, then a summary.</summary>
internal static class BacktestTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter output, BacktestResult result, IReadOnlyList<KeyValuePair<string, string?>> overrides)
    {
        var station = result.Station;
        output.WriteLine($"Backtest of {station.Station} ({station.Name}, park {station.Park}), {Time(result.From)} → {Time(result.To)} (Asia/Ho_Chi_Minh)");
        if (overrides.Count > 0)
        {
            output.WriteLine($"Rule settings changed: {string.Join(", ", overrides.Select(o => $"{o.Key}={o.Value}"))}");
        }

        output.WriteLine();
        string[] header = ["time (+07:00)", "event", "rule", "parameter", "severity", "multiple", "value", "alert"];
        var rows = result.Events.Select(AlertEventView.Of).Select(e => new[]
        {
            Time(e.MeasuredAt) + (e.Late ? " late" : ""),
            e.Event,
            e.Rule,
            e.Parameter ?? "-",
            e.Severity,
            BoundText.Measure(e.Value, e.Multiple, e.Bound, e.Limit),
            e.Value is { } v ? v.ToString("0.###", Invariant) + Unit(e.Parameter) : "",
            e.AlertId,
        }).ToList();
        if (rows.Count == 0)
        {
            // Alerts open before the range stay as they were: say so, rather than "nothing fired"
            // above a line naming an active alert.
            output.WriteLine(result.OpenAtStart.Count == 0
                ? "No alert would have opened, changed or cleared in the range."
                : string.Create(Invariant, $"No alert would have opened, changed or cleared in the range; {result.OpenAtStart.Count} already open at its start stayed open (below)."));
        }
        else
        {
            var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
            output.WriteLine(Line(header, widths));
            output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
            foreach (var row in rows)
            {
                output.WriteLine(Line(row, widths));
            }
        }

        var summary = BacktestSummary.Of(result);
        output.WriteLine();
        if (result.Samples == 0)
        {
            output.WriteLine(result.WarmupSamples == 0
                ? $"No samples of {station.Station} are stored in the range or its warm-up: the station is judged offline throughout (is the range right?)."
                : $"No samples of {station.Station} are stored in the range.");
        }

        output.WriteLine(string.Create(Invariant, $"Samples: {result.Samples:N0} in the range, {result.WarmupSamples:N0} in the warm-up from {Time(result.WarmFrom)}"));
        output.WriteLine(string.Create(Invariant, $"Events: {result.Events.Count:N0}") +
            (summary.ByKind.Count == 0 ? "" : " — " + string.Join(", ", summary.ByKind.Select(k => string.Create(Invariant, $"{WireName.Of(k.Kind)} {k.Count}")))));
        foreach (var (rule, parameter, opened, worst) in summary.OpenedByCause)
        {
            output.WriteLine(string.Create(Invariant, $"Opened: {WireName.Of(rule)} {parameter ?? "(station)"}: {opened} alert(s), worst {WireName.Of(worst)}"));
        }

        if (summary.Highest is { } highest)
        {
            output.WriteLine($"Highest multiple: ×{highest.Multiple!.Value.ToString("0.00", Invariant)} {highest.Cause.Parameter} {WireName.Of(highest.Cause.Rule)} at {Time(highest.MeasuredAt)}");
        }

        output.WriteLine($"Open at the start: {Alerts(result.OpenAtStart)}");
        output.WriteLine($"Still active at the end: {Alerts(result.ActiveAtEnd)}");
        var c = result.Counters;
        output.WriteLine(string.Create(Invariant,
            $"Readings: {c.Readings:N0} judged; not counted: calibrating {c.Calibrating:N0}, device fault {c.Faults:N0}, invalid {c.Invalid:N0}, flat line {c.FlatLine:N0}, duplicates {c.Duplicates:N0}"));
    }

    public static string Time(DateTimeOffset instant) => ProvinceTime.ToLocal(instant).ToString("yyyy-MM-dd HH:mm:ss", Invariant);

    private static string Alerts(IReadOnlyList<AlertSnapshot> alerts) =>
        alerts.Count == 0 ? "none" : string.Join(", ", alerts.Select(a => $"{a.Id} ({WireName.Of(a.Severity)})"));

    private static string Unit(string? parameter) =>
        parameter is not null && ParameterCatalog.Default.TryGet(parameter, out var p) && p.Unit != "-" ? " " + p.Unit : "";

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
