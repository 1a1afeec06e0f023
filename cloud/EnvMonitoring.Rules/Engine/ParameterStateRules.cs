using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Rules.Engine;

/// <summary>The rules of a parameter that look across readings or at the clock: rate of change, flat line, local day, silence.</summary>
internal sealed partial class ParameterState
{
    /// <summary>Judges the days that ended (plus the grace) by <paramref name="nowTicks"/> and were not judged yet.</summary>
    public void CloseDays(long nowTicks, EvaluationScope scope)
    {
        for (var i = 0; i < _days.Length; i++)
        {
            ref var day = ref _days[i];
            if (day.Day != 0 && !day.Judged && StationTimings.EndOfLocalDay(day.Day) + scope.Timings.DayCloseGraceTicks <= nowTicks)
            {
                JudgeDay(ref day, late: false, scope);
            }
        }
    }

    /// <summary>
    /// The per-parameter dead-man: silent when no reading came for the silent time. While the whole
    /// station is offline its own alert says so, and a parameter never heard of since start-up gives
    /// no evidence that data flows, so neither opens nor clears anything.
    /// </summary>
    public void CheckSilence(long nowTicks, long configuredTicks, bool stationSending, EvaluationScope scope)
    {
        ref var tracker = ref Tracker(RuleKind.ParameterSilent);
        if (!tracker.IsOn)
        {
            return;
        }

        var silent = nowTicks - Math.Max(LastSeenTicks, configuredTicks) > scope.Timings.SilentTicks;
        if (silent ? !stationSending : LastSeenTicks == 0)
        {
            return;
        }

        tracker.Observe(Observation.YesNo(silent, double.NaN, nowTicks, late: false), scope);
    }

    private void RateOfChange(long ticks, double value, long previousTicks, double previous, bool late, EvaluationScope scope)
    {
        var hours = (double)(ticks - previousTicks) / TimeSpan.TicksPerHour;
        var rate = Math.Abs(value - previous) / hours;
        Tracker(RuleKind.RateOfChange).Observe(new Observation(LimitShape.AtMost(_maxRatePerHour), rate, ticks, late), scope);
    }

    /// <summary>True when the value has not changed (within the tolerance) for the flat-line time: the probe is stuck and the value is excluded.</summary>
    private bool IsFlat(long ticks, double value, bool gap, bool late, EvaluationScope scope)
    {
        ref var tracker = ref Tracker(RuleKind.FlatLine);
        var timings = scope.Timings;
        if (!tracker.IsOn || timings.FlatLineTicks == 0)
        {
            return false;
        }

        var stuck = _flat.Add(ticks, value, gap, timings.FlatLineTolerance) >= timings.FlatLineTicks;
        if (stuck || tracker.HasActive)
        {
            tracker.Observe(Observation.YesNo(stuck, value, ticks, late), scope);
        }

        return stuck;
    }

    /// <summary>
    /// Adds a valid reading to its legal local day (the last two days are kept). A day is judged
    /// once it ended plus the grace; data arriving for a judged day judges it again, marked late
    /// when the data is.
    /// </summary>
    private void AddToDay(long ticks, double value, double flow, bool late, EvaluationScope scope)
    {
        if (!Tracker(RuleKind.LocalDayMean).IsOn)
        {
            return;
        }

        var dayNumber = StationTimings.LocalDayOf(ticks);
        ref var day = ref _days[dayNumber & 1];
        if (day.Day != dayNumber)
        {
            if (day.Day > dayNumber)
            {
                return;
            }

            if (day.Day != 0 && !day.Judged)
            {
                JudgeDay(ref day, late: false, scope);
            }

            day = default;
            day.Day = dayNumber;
        }

        day.Totals.Add(value, flow);
        if (day.Judged || StationTimings.EndOfLocalDay(dayNumber) + scope.Timings.DayCloseGraceTicks <= scope.NowTicks)
        {
            JudgeDay(ref day, late, scope);
        }
    }

    private void JudgeDay(ref DayTotals day, bool late, EvaluationScope scope)
    {
        day.Judged = true;
        if (day.Totals.TryMean(scope.Timings.MinDayCount, out var mean))
        {
            var end = StationTimings.EndOfLocalDay(day.Day);
            Tracker(RuleKind.LocalDayMean).Observe(new Observation(_shape, mean, end, late), scope);
        }
    }
}
