using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Engine;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Cloud.Backtest;

/// <summary>What a back-test found: the transitions inside the range and the alerts open at its edges.</summary>
internal sealed record BacktestResult(
    RegisteredStation Station,
    RuleSettings Settings,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset WarmFrom,
    long Samples,
    long WarmupSamples,
    IReadOnlyList<AlertEvent> Events,
    IReadOnlyList<AlertSnapshot> OpenAtStart,
    IReadOnlyList<AlertSnapshot> ActiveAtEnd,
    EngineCounters Counters);

/// <summary>An alert as it was at one instant (the engine's <see cref="Alert"/> changes as the run goes on).</summary>
internal sealed record AlertSnapshot(string Id, Severity Severity)
{
    public static IReadOnlyList<AlertSnapshot> Of(IEnumerable<Alert> alerts) => [.. alerts.Select(a => new AlertSnapshot(a.Id.Value, a.Severity))];
}
