using EnvMonitoring.Rules.Engine;

namespace EnvMonitoring.Rules.Alerts;

/// <summary>The transitions the engine and users cause: each builds an event, applies it, and hands it to the caller.</summary>
public sealed partial class AlertBook
{
    internal void Open(CauseRecord record, Severity level, in Observation o, long baseClearTicks, EvaluationScope scope)
    {
        var timings = scope.Timings;
        var measuredAt = o.MeasuredAt;
        var clearAfter = TimeSpan.FromTicks(baseClearTicks);
        // Flapping: reopening soon after a clear doubles the clear time (up to a cap), so a value
        // hovering at the limit yields one long alert instead of a stream of open/clear pairs.
        if (baseClearTicks > 0 && record.LastClearedAt is { } cleared && measuredAt - cleared < timings.FlapWindow)
        {
            var doubled = Math.Max(baseClearTicks, record.LastClearAfter.Ticks * 2);
            clearAfter = TimeSpan.FromTicks(Math.Min(doubled, baseClearTicks << timings.FlapMaxDoublings));
        }

        var sequence = LastSequence + 1;
        Emit(Build(sequence, new AlertId($"{record.Cause}/{sequence}"), record.Cause, AlertEventKind.Opened, level, o, measuredAt, clearAfter, scope.Now), scope.Events);
    }

    internal void Change(Alert alert, AlertEventKind kind, Severity level, in Observation o, EvaluationScope scope) =>
        Emit(Build(LastSequence + 1, alert.Id, alert.Cause, kind, level, o, alert.OpenedAt, alert.ClearAfter, scope.Now), scope.Events);

    /// <summary>
    /// Opens an alert for a cause no rule watches (something reported from outside the engine, such
    /// as a refused rewrite of stored data) unless one is already active; it stays active until a
    /// user resolves it. Null when one was already active.
    /// </summary>
    internal AlertEvent? Report(AlertCause cause, Severity level, double? value, DateTimeOffset measuredAt, DateTimeOffset now, List<AlertEvent> sink)
    {
        var record = Record(cause);
        if (record.Active is not null)
        {
            return null;
        }

        var sequence = LastSequence + 1;
        return Emit(
            new AlertEvent
            {
                Sequence = sequence,
                AlertId = new AlertId($"{cause}/{sequence}"),
                Cause = cause,
                Kind = AlertEventKind.Opened,
                Severity = level,
                Value = value,
                MeasuredAt = measuredAt,
                At = now,
                OpenedAt = measuredAt,
                ClearAfter = TimeSpan.Zero,
            },
            sink);
    }

    /// <summary>
    /// Marks every active, unacknowledged alert raised at least <paramref name="within"/> before
    /// <paramref name="now"/> and not yet marked <see cref="AlertEventKind.Overdue"/> — once per alert,
    /// oldest first. Replay restores the mark, so a restart does not repeat it.
    /// </summary>
    internal void MarkOverdue(TimeSpan within, DateTimeOffset now, List<AlertEvent> sink)
    {
        List<Alert>? due = null;
        foreach (var alert in _unresolved.Values)
        {
            if (alert.IsActive && !alert.IsAcknowledged && alert.OverdueAt is null && now - alert.RaisedAt >= within)
            {
                (due ??= []).Add(alert);
            }
        }

        foreach (var alert in due?.OrderBy(a => a.RaisedAt).ThenBy(a => a.LastSequence) ?? Enumerable.Empty<Alert>())
        {
            Emit(
                new AlertEvent
                {
                    Sequence = LastSequence + 1,
                    AlertId = alert.Id,
                    Cause = alert.Cause,
                    Kind = AlertEventKind.Overdue,
                    Severity = alert.Severity,
                    Multiple = alert.Multiple,
                    Value = alert.Value,
                    LimitMin = alert.LimitMin,
                    LimitMax = alert.LimitMax,
                    MeasuredAt = alert.MeasuredAt,
                    At = now,
                    OpenedAt = alert.OpenedAt,
                    ClearAfter = alert.ClearAfter,
                },
                sink);
        }
    }

    internal AlertEvent Acknowledge(AlertId id, string user, string? note, DateTimeOffset now) =>
        Command(id, AlertEventKind.Acknowledged, user, note, now);

    /// <param name="id">The alert.</param>
    /// <param name="user">Who resolves it.</param>
    /// <param name="note">What was done (required).</param>
    /// <param name="now">The engine's time.</param>
    /// <param name="causeActive">Whether the alert's cause is still active (a rule still watches it and it has not cleared): then it is refused.</param>
    internal AlertEvent Resolve(AlertId id, string user, string note, DateTimeOffset now, Func<Alert, bool> causeActive)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new AlertCommandException($"Resolving alert {id} needs a note saying what was done.");
        }

        return Command(id, AlertEventKind.Resolved, user, note, now, causeActive);
    }

    /// <summary>
    /// Resolves every unresolved alert of <paramref name="station"/>, active or cleared, as
    /// <paramref name="user"/> with <paramref name="note"/>, oldest first: for a station no rule
    /// watches any more, whose alerts nobody would otherwise close. Each is an ordinary
    /// <see cref="AlertEventKind.Resolved"/> event, so it is stored and replayed like a user's.
    /// </summary>
    internal void ResolveStation(string station, string user, string note, DateTimeOffset now, List<AlertEvent> sink)
    {
        var ids = _unresolved.Values.Where(a => string.Equals(a.Cause.Station, station, StringComparison.Ordinal))
            .OrderBy(a => a.OpenedAt).ThenBy(a => a.LastSequence).Select(a => a.Id).ToList();
        foreach (var id in ids)
        {
            sink.Add(Command(id, AlertEventKind.Resolved, user, note, now));
        }
    }

    private AlertEvent Command(AlertId id, AlertEventKind kind, string user, string? note, DateTimeOffset now, Func<Alert, bool>? refuse = null)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            throw new AlertCommandException($"{kind} of alert {id} needs the name of the user.");
        }

        if (!_unresolved.TryGetValue(id, out var alert))
        {
            throw new AlertCommandException($"Alert {id} is unknown or already resolved.");
        }

        if (refuse?.Invoke(alert) == true)
        {
            throw new AlertCauseActiveException(alert);
        }

        return Emit(
            new AlertEvent
            {
                Sequence = LastSequence + 1,
                AlertId = id,
                Cause = alert.Cause,
                Kind = kind,
                Severity = alert.Severity,
                MeasuredAt = alert.MeasuredAt,
                At = now,
                OpenedAt = alert.OpenedAt,
                ClearAfter = alert.ClearAfter,
                User = user.Trim(),
                Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            },
            null);
    }

    private static AlertEvent Build(
        long sequence, AlertId id, AlertCause cause, AlertEventKind kind, Severity level, in Observation o, DateTimeOffset openedAt, TimeSpan clearAfter, DateTimeOffset now) =>
        new()
        {
            Sequence = sequence,
            AlertId = id,
            Cause = cause,
            Kind = kind,
            Severity = level,
            Multiple = Optional(o.ReportedMultiple),
            Value = Optional(o.Value),
            LimitMin = Optional(o.LimitMin),
            LimitMax = Optional(o.LimitMax),
            Bound = o.Bound,
            Band = o.Band,
            MeasuredAt = o.MeasuredAt,
            At = now,
            OpenedAt = kind == AlertEventKind.Opened ? o.MeasuredAt : openedAt,
            ClearAfter = clearAfter,
            Late = o.Late,
        };

    private static double? Optional(double value) => double.IsNaN(value) ? null : value;

    private AlertEvent Emit(AlertEvent e, List<AlertEvent>? sink)
    {
        Apply(e);
        sink?.Add(e);
        return e;
    }
}
