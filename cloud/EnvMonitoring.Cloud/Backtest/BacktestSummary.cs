using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Backtest;

/// <summary>The figures a person tuning a rule looks at first, computed once for the table and the JSON.</summary>
internal sealed record BacktestSummary(
    IReadOnlyList<(AlertEventKind Kind, int Count)> ByKind,
    IReadOnlyList<(RuleKind Rule, string? Parameter, int Opened, Severity Worst)> OpenedByCause,
    AlertEvent? Highest)
{
    public static BacktestSummary Of(BacktestResult result)
    {
        var byKind = result.Events.GroupBy(e => e.Kind).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
        var peaks = result.Events.GroupBy(e => e.AlertId).ToDictionary(g => g.Key, g => g.Max(e => e.Severity));
        var opened = result.Events.Where(e => e.Kind == AlertEventKind.Opened)
            .GroupBy(e => (e.Cause.Rule, e.Cause.Parameter))
            .OrderBy(g => g.Key.Rule).ThenBy(g => g.Key.Parameter, StringComparer.Ordinal)
            .Select(g => (g.Key.Rule, g.Key.Parameter, g.Count(), g.Max(e => peaks[e.AlertId])))
            .ToList();
        var highest = result.Events.Where(e => e.Multiple is { } m && double.IsFinite(m)).MaxBy(e => e.Multiple);
        return new BacktestSummary(byKind, opened, highest);
    }
}
