using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Engine;

/// <summary>
/// One station's rule state: its parameters indexed by catalog <c>Parameter.Index</c> (dense, so
/// a reading finds its state by array index), the station-wide dead-man, and when local days are
/// next due for judging.
/// </summary>
internal sealed class StationState
{
    private readonly ParameterState?[] _byIndex;
    private readonly ParameterState[] _monitored;
    private readonly int _flowIndex;
    private readonly long _configuredTicks;
    private AlertTracker _offline;
    private long _nextDayCheck;

    public StationState(StationRuleProfile profile, AlertBook book, SeverityScale scale, long nowTicks, StationState? previous)
    {
        Profile = profile;
        Timings = new StationTimings(profile.Settings);
        var settings = profile.Settings;
        _monitored = profile.Monitored.Select(p => new ParameterState(p, profile.LimitFor(p), settings, Timings, scale)).ToArray();
        _byIndex = new ParameterState?[_monitored.Length == 0 ? 0 : _monitored.Max(p => p.Parameter.Index) + 1];
        foreach (var state in _monitored)
        {
            _byIndex[state.Parameter.Index] = state;
            ConfigureTrackers(state, book);
            if (previous?.Find(state.Parameter.Index) is { } before)
            {
                state.Adopt(before);
            }

        }

        _flowIndex = profile.Flow?.Index ?? -1;
        _configuredTicks = previous?._configuredTicks ?? nowTicks;
        LastSeenTicks = previous?.LastSeenTicks ?? 0;
        _offline.Configure(Cause(book, null, RuleKind.StationOffline), Severity.Warning, double.NaN, Timings.DeadManClearTicks);
        if (previous is not null)
        {
            _offline.Resume(previous._offline);
        }
    }

    public StationRuleProfile Profile { get; }

    public StationTimings Timings { get; }

    public long LastSeenTicks { get; private set; }

    public ParameterState? Find(int index) => (uint)index < (uint)_byIndex.Length ? _byIndex[index] : null;

    public void Evaluate(long ticks, ReadOnlySpan<Reading> readings, EvaluationScope scope)
    {
        scope.Timings = Timings;
        if (ticks > LastSeenTicks)
        {
            LastSeenTicks = ticks;
        }

        if (_offline.HasActive)
        {
            CheckOffline(scope);
        }

        if (scope.NowTicks >= _nextDayCheck)
        {
            CloseDays(scope);
        }

        var flow = FlowOf(readings);
        scope.Counters.ReadingsField += readings.Length;
        if (scope.IsLate(ticks))
        {
            scope.Counters.LateField += readings.Length;
        }

        foreach (ref readonly var reading in readings)
        {
            if (Find(reading.Parameter.Index) is { } state && state.Parameter == reading.Parameter)
            {
                state.Evaluate(ticks, reading, flow, scope);
            }
            else
            {
                scope.Counters.UnmonitoredField++;
            }
        }
    }

    /// <summary>Whether a rule of this station watches <paramref name="cause"/>, so that its alert clears by itself once the cause is gone.</summary>
    public bool Watches(AlertCause cause) => cause.Rule switch
    {
        RuleKind.StationOffline => _offline.IsOn,
        RuleKind.DataConflict => false,
        _ => cause.Parameter is { } code && Array.Find(_monitored, p => p.Parameter.Code == code) is { } state && state.Tracker(cause.Rule).IsOn,
    };

    /// <summary>The time-driven rules: station offline, parameters silent, local days due.</summary>
    public void Tick(EvaluationScope scope)
    {
        scope.Timings = Timings;
        var sending = CheckOffline(scope);
        foreach (var state in _monitored)
        {
            state.CheckSilence(scope.NowTicks, _configuredTicks, sending, scope);
        }

        if (scope.NowTicks >= _nextDayCheck)
        {
            CloseDays(scope);
        }
    }

    /// <summary>Observes the station-wide dead-man; true while the station sends.</summary>
    private bool CheckOffline(EvaluationScope scope)
    {
        var now = scope.NowTicks;
        var offline = now - Math.Max(LastSeenTicks, _configuredTicks) > Timings.OfflineTicks;
        // Nothing heard since start-up is no evidence that data flows: it cannot clear an offline alert.
        if (_offline.IsOn && (offline || LastSeenTicks != 0))
        {
            _offline.Observe(Observation.YesNo(offline, double.NaN, now, late: false), scope);
        }

        return !offline;
    }

    private void CloseDays(EvaluationScope scope)
    {
        var now = scope.NowTicks;
        foreach (var state in _monitored)
        {
            state.CloseDays(now, scope);
        }

        var grace = Timings.DayCloseGraceTicks;
        _nextDayCheck = StationTimings.EndOfLocalDay(StationTimings.LocalDayOf(now - grace)) + grace;
    }

    /// <summary>The flow measured with the sample, weighting its concentrations; NaN when absent, not measuring or negative.</summary>
    private double FlowOf(ReadOnlySpan<Reading> readings)
    {
        foreach (ref readonly var reading in readings)
        {
            if (reading.Parameter.Index == _flowIndex)
            {
                return reading.Status == DeviceStatus.Measuring && reading.Value >= 0 && double.IsFinite(reading.Value) ? reading.Value : double.NaN;
            }
        }

        return double.NaN;
    }

    private void ConfigureTrackers(ParameterState state, AlertBook book)
    {
        var t = Timings;
        var code = state.Parameter.Code;
        foreach (var rule in Enum.GetValues<RuleKind>())
        {
            var applies = rule switch
            {
                RuleKind.Instantaneous or RuleKind.Sustained or RuleKind.HourlyMean or RuleKind.DailyMean or RuleKind.LocalDayMean => state.HasLimit,
                RuleKind.RateOfChange => state.HasRateLimit,
                RuleKind.FlatLine => t.FlatLineTicks > 0,
                RuleKind.StationOffline or RuleKind.DataConflict => false,
                _ => true,
            };
            var cause = applies && Profile.Settings.IsEnabled(rule) ? Cause(book, code, rule) : null;
            var (cap, approach, clear) = rule switch
            {
                RuleKind.Instantaneous or RuleKind.HourlyMean or RuleKind.DailyMean => (Severity.From10, t.ApproachRatio, t.ClearTicks),
                RuleKind.LocalDayMean => (Severity.From10, t.ApproachRatio, t.DayClearTicks),
                RuleKind.Sustained => (Severity.From10, double.NaN, t.ClearTicks),
                RuleKind.ParameterSilent => (Severity.Warning, double.NaN, t.DeadManClearTicks),
                _ => (Severity.Warning, double.NaN, t.ClearTicks),
            };
            state.Tracker(rule).Configure(cause, cap, approach, clear);
        }
    }

    private CauseRecord? Cause(AlertBook book, string? parameter, RuleKind rule) =>
        Profile.Settings.IsEnabled(rule) ? book.Record(new AlertCause(Profile.Station, parameter, rule)) : null;
}
