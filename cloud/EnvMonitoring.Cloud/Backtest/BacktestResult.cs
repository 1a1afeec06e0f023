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
    IReadOnlyList<Alert> OpenAtStart,
    IReadOnlyList<Alert> ActiveAtEnd,
    EngineCounters Counters);
