using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Rules.Engine;

/// <summary>
/// Turns one cause's observations into alert transitions. It opens at the first level reached and
/// escalates at once. It leaves a level only for a lower one the cause has stayed at or below,
/// with hysteresis (the value moved by the clear ratio: <see cref="LimitShape.LevelOf"/>), for the alert's clear time, going straight to the
/// lowest such level: a value back to normal for the clear time clears the alert, whatever it
/// went through on the way down. The clock is the observations' own measurement time, so a backlog
/// replayed in a second is judged as it happened. A value type kept in arrays; the only reference
/// it holds is its cause's record in the book.
/// </summary>
internal struct AlertTracker
{
    /// <summary>Null: the rule is off for this parameter.</summary>
    public CauseRecord? Cause;

    /// <summary>The highest level this rule can reach (<see cref="Severity.Warning"/> for data-quality rules).</summary>
    public Severity Cap;

    /// <summary>NaN: the rule has no approaching level.</summary>
    public double ApproachRatio;

    public long ClearTicks;

    private Alert? _seen;
    private long _lastTicks;
    private LevelTimes _since;

    public void Configure(CauseRecord? cause, Severity cap, double approachRatio, long clearTicks)
    {
        (Cause, Cap, ApproachRatio, ClearTicks) = (cause, cap, approachRatio, clearTicks);
        Reset(null);
    }

    public readonly bool IsOn => Cause is not null;

    /// <summary>Keeps the timers of the same cause's tracker from a previous profile, so re-configuring does not delay a clear.</summary>
    public void Resume(in AlertTracker previous)
    {
        if (Cause is not null && ReferenceEquals(Cause, previous.Cause))
        {
            (_seen, _lastTicks, _since) = (previous._seen, previous._lastTicks, previous._since);
        }
    }

    public readonly bool HasActive => Cause?.Active is not null;

    public void Observe(in Observation o, EvaluationScope scope)
    {
        if (Cause is not { } cause)
        {
            return;
        }

        var active = cause.Active;
        if (!ReferenceEquals(active, _seen))
        {
            // Opened, cleared or resolved since the last observation (possibly by a user): start afresh.
            Reset(active);
        }

        var level = LevelOf(o, 1, scope);
        if (active is null)
        {
            if (level != Severity.None && !scope.Warm)
            {
                scope.Book.Open(cause, level, o, ClearTicks, scope);
                Reset(cause.Active);
                _lastTicks = o.MeasuredTicks;
            }

            return;
        }

        if (level > active.Severity && !scope.Warm)
        {
            scope.Book.Change(active, AlertEventKind.Escalated, level, o, scope);
        }

        var current = (int)active.Severity;
        var held = (int)LevelOf(o, scope.Timings.ClearRatio, scope);
        var ticks = o.MeasuredTicks;
        if (ticks < _lastTicks)
        {
            // Out of order (late data): a late sign of the cause breaks the runs it falls in; a late
            // absence says nothing about whether the runs since then were unbroken.
            for (var k = 0; k < held && k < current; k++)
            {
                if (_since[k] != 0 && _since[k] <= ticks)
                {
                    _since[k] = 0;
                }
            }

            return;
        }

        _lastTicks = ticks;
        for (var k = 0; k < current; k++)
        {
            _since[k] = held <= k ? (_since[k] == 0 ? ticks : _since[k]) : 0;
        }

        if (scope.Warm)
        {
            return;
        }

        for (var k = 0; k < current; k++)
        {
            if (_since[k] != 0 && ticks - _since[k] >= active.ClearAfter.Ticks)
            {
                var kind = k == 0 ? AlertEventKind.Cleared : AlertEventKind.DeEscalated;
                scope.Book.Change(active, kind, (Severity)k, o, scope);
                _seen = cause.Active;
                return;
            }
        }
    }

    private void Reset(Alert? active)
    {
        (_seen, _lastTicks) = (active, 0);
        _since = default;
    }

    private readonly Severity LevelOf(in Observation o, double clearRatio, EvaluationScope scope)
    {
        var level = o.LevelOf(scope.Scale, ApproachRatio, clearRatio);
        return level > Cap ? Cap : level;
    }
}
