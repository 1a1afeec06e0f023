using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Engine;

/// <summary>
/// One monitored parameter of one station: what the rules remember of its readings (windows, the
/// local days, the last valid value, runs) and one <see cref="AlertTracker"/> per rule. Evaluating
/// a reading within limits touches only this object's fields and arrays: no allocation.
/// </summary>
internal sealed partial class ParameterState
{
    private static readonly int RuleCount = Enum.GetValues<RuleKind>().Length;

    private readonly AlertTracker[] _trackers = new AlertTracker[RuleCount];
    private readonly LimitShape _shape;
    private readonly double _validMin;
    private readonly double _maxRatePerHour;
    private SlotRing? _ring;
    private DayTotals[] _days = new DayTotals[2];
    private long _lastValidTicks;
    private double _lastValidValue;
    private FlatRun _flat;
    private long _runStart;
    private double _runMildest;

    public ParameterState(Parameter parameter, ParameterLimit? limit, RuleSettings settings, StationTimings timings, SeverityScale scale)
    {
        Parameter = parameter;
        _shape = new LimitShape(limit, scale);
        _validMin = settings.NegativeAllowed.Contains(parameter.Code) ? double.NegativeInfinity : 0;
        _maxRatePerHour = settings.RateOfChangePerHour.TryGetValue(parameter.Code, out var rate) ? rate : double.NaN;
        _ring = _shape.Exists ? new SlotRing(timings) : null;
    }

    public Parameter Parameter { get; }

    /// <summary>Latest measurement time of any reading, whatever its status (0: none yet).</summary>
    public long LastSeenTicks { get; private set; }

    public bool HasLimit => _shape.Exists;

    public bool HasRateLimit => !double.IsNaN(_maxRatePerHour);

    public ref AlertTracker Tracker(RuleKind rule) => ref _trackers[(int)rule];

    /// <summary>Keeps what a previous profile of the station learnt (windows, runs, hysteresis timers), so re-configuring loses nothing.</summary>
    public void Adopt(ParameterState previous)
    {
        for (var i = 0; i < _trackers.Length; i++)
        {
            _trackers[i].Resume(previous._trackers[i]);
        }

        LastSeenTicks = previous.LastSeenTicks;
        (_lastValidTicks, _lastValidValue) = (previous._lastValidTicks, previous._lastValidValue);
        (_flat, _runStart, _runMildest) = (previous._flat, previous._runStart, previous._runMildest);
        _days = previous._days;
        if (_ring is not null && previous._ring is { } ring && ring.SlotTicks == _ring.SlotTicks && ring.Length == _ring.Length)
        {
            _ring = ring;
        }
    }

    public void Evaluate(long ticks, in Reading reading, double flow, EvaluationScope scope)
    {
        var late = scope.IsLate(ticks);
        if (ticks > LastSeenTicks)
        {
            LastSeenTicks = ticks;
        }

        if (Tracker(RuleKind.ParameterSilent).HasActive)
        {
            CheckSilence(scope.NowTicks, 0, stationSending: true, scope);
        }

        var value = reading.Value;
        ref var fault = ref Tracker(RuleKind.DeviceFault);
        if (reading.Status != DeviceStatus.Measuring)
        {
            // Neither a calibration nor a faulty probe's value is judged or counted in any mean:
            // calibrating suppresses exceedance alerts; a fault is its own alert.
            if (reading.Status == DeviceStatus.Fault)
            {
                scope.Counters.FaultsField++;
                fault.Observe(Observation.YesNo(present: true, value, ticks, late), scope);
            }
            else
            {
                scope.Counters.CalibratingField++;
            }

            return;
        }

        if (fault.HasActive)
        {
            fault.Observe(Observation.YesNo(present: false, value, ticks, late), scope);
        }

        if (!(value >= _validMin) || !double.IsFinite(value))
        {
            scope.Counters.InvalidField++;
            return;
        }

        var inOrder = ticks > _lastValidTicks;
        var gap = false;
        if (inOrder)
        {
            var previousTicks = _lastValidTicks;
            gap = previousTicks == 0 || ticks - previousTicks > scope.Timings.SilentTicks;
            if (!gap && HasRateLimit)
            {
                RateOfChange(ticks, value, previousTicks, _lastValidValue, late, scope);
            }

            (_lastValidTicks, _lastValidValue) = (ticks, value);
            if (IsFlat(ticks, value, gap, late, scope))
            {
                scope.Counters.FlatLineField++;
                return;
            }
        }

        if (_ring is null)
        {
            return;
        }

        var added = _ring.Add(ticks, value, flow, out var slot);
        if (added == RingAdd.Duplicate)
        {
            scope.Counters.DuplicatesField++;
            return;
        }

        JudgeLimit(ticks, value, flow, slot, added, inOrder, gap, late, scope);
    }

    private void JudgeLimit(long ticks, double value, double flow, long slot, RingAdd added, bool inOrder, bool gap, bool late, EvaluationScope scope)
    {
        Tracker(RuleKind.Instantaneous).Observe(new Observation(_shape, value, ticks, late), scope);
        if (inOrder)
        {
            Sustained(ticks, value, gap, late, scope);
        }

        if (added == RingAdd.TooOld)
        {
            scope.Counters.TooOldField++;
            return;
        }

        var timings = scope.Timings;
        if (Tracker(RuleKind.HourlyMean).IsOn && _ring!.TryMean(slot, hour: true, timings.MinHourCount, out var hour))
        {
            Tracker(RuleKind.HourlyMean).Observe(new Observation(_shape, hour, ticks, late), scope);
        }

        if (Tracker(RuleKind.DailyMean).IsOn && _ring!.TryMean(slot, hour: false, timings.MinDayCount, out var day))
        {
            Tracker(RuleKind.DailyMean).Observe(new Observation(_shape, day, ticks, late), scope);
        }

        AddToDay(ticks, value, flow, late, scope);
    }

    /// <summary>
    /// Every valid reading beyond the limit, without a gap, for the sustained time; judged at the
    /// run's mildest reading (the lowest multiple; for a range the lowest band, then the nearest the bound).
    /// </summary>
    private void Sustained(long ticks, double value, bool gap, bool late, EvaluationScope scope)
    {
        ref var tracker = ref Tracker(RuleKind.Sustained);
        if (!tracker.IsOn)
        {
            return;
        }

        if (!_shape.Exceeds(value))
        {
            _runStart = 0;
            tracker.Observe(new Observation(_shape, value, ticks, late), scope);
            return;
        }

        if (_runStart == 0 || gap)
        {
            (_runStart, _runMildest) = (ticks, value);
        }
        else if (_shape.IsWorse(_runMildest, value, scope.Scale, double.NaN))
        {
            _runMildest = value;
        }

        if (ticks - _runStart >= scope.Timings.SustainedTicks)
        {
            tracker.Observe(new Observation(_shape, _runMildest, ticks, late), scope);
        }
    }
}
