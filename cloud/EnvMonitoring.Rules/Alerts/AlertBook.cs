namespace EnvMonitoring.Rules.Alerts;

/// <summary>
/// The alerts: one active alert at most per cause, plus cleared alerts nobody has resolved yet.
/// It changes only by applying <see cref="AlertEvent"/>s, the same way live and in
/// <see cref="Replay"/>, so the state rebuilt from the persisted events at start-up is the state
/// before the restart: no alert forgotten, none duplicated. Not thread-safe: the engine owns it.
/// </summary>
public sealed partial class AlertBook
{
    private readonly Dictionary<AlertCause, CauseRecord> _causes = [];
    private readonly Dictionary<AlertId, Alert> _unresolved = [];

    /// <summary>Sequence of the last event applied; the next event gets the one after.</summary>
    public long LastSequence { get; private set; }

    /// <summary>Active alerts, at most one per cause.</summary>
    public IEnumerable<Alert> Active => _causes.Values.Where(r => r.Active is not null).Select(r => r.Active!);

    /// <summary>Alerts not yet resolved by a user, active or cleared.</summary>
    public IReadOnlyCollection<Alert> Unresolved => _unresolved.Values;

    public Alert? ActiveFor(AlertCause cause) => _causes.TryGetValue(cause, out var record) ? record.Active : null;

    public bool TryGet(AlertId id, [NotNullWhen(true)] out Alert? alert) => _unresolved.TryGetValue(id, out alert);

    /// <summary>
    /// Rebuilds a book from persisted events, in <see cref="AlertEvent.Sequence"/> order, ignoring
    /// duplicates. Events whose Opened is missing (e.g. outside the loaded range) still restore their
    /// alert from what they carry. Should the stream hold two active alerts for one cause, the later
    /// one wins and the earlier is kept as cleared, so the invariant holds after any replay.
    /// </summary>
    public static AlertBook Replay(IEnumerable<AlertEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var book = new AlertBook();
        foreach (var e in events.OrderBy(e => e.Sequence))
        {
            if (e.Sequence > book.LastSequence)
            {
                book.Apply(e);
            }
        }

        return book;
    }

    internal CauseRecord Record(AlertCause cause)
    {
        if (!_causes.TryGetValue(cause, out var record))
        {
            record = new CauseRecord(cause);
            _causes.Add(cause, record);
        }

        return record;
    }

    private void Apply(AlertEvent e)
    {
        LastSequence = Math.Max(LastSequence, e.Sequence);
        var record = Record(e.Cause);
        if (e.Kind == AlertEventKind.Opened)
        {
            if (record.Active is { } superseded && superseded.Id != e.AlertId)
            {
                superseded.IsActive = false;
            }

            var opened = new Alert(e);
            record.Active = opened;
            _unresolved[e.AlertId] = opened;
            return;
        }

        if (!_unresolved.TryGetValue(e.AlertId, out var alert))
        {
            if (e.Kind == AlertEventKind.Resolved)
            {
                return;
            }

            alert = Adopt(e, record);
        }

        if (e.Sequence <= alert.LastSequence)
        {
            return;
        }

        alert.Update(e);
        if (!alert.IsActive && ReferenceEquals(record.Active, alert))
        {
            record.Active = null;
        }

        if (e.Kind == AlertEventKind.Cleared)
        {
            record.LastClearedAt = e.MeasuredAt;
            record.LastClearAfter = e.ClearAfter;
        }

        if (alert.IsResolved)
        {
            _unresolved.Remove(alert.Id);
        }
    }

    /// <summary>An alert known only from a later event: rebuilt from what the event carries.</summary>
    private Alert Adopt(AlertEvent e, CauseRecord record)
    {
        var alert = new Alert(new AlertEvent
        {
            Sequence = e.Sequence - 1,
            AlertId = e.AlertId,
            Cause = e.Cause,
            Kind = AlertEventKind.Opened,
            Severity = e.Severity,
            Multiple = e.Multiple,
            Value = e.Value,
            LimitMin = e.LimitMin,
            LimitMax = e.LimitMax,
            Bound = e.Bound,
            Band = e.Band,
            MeasuredAt = e.OpenedAt,
            At = e.At,
            OpenedAt = e.OpenedAt,
            ClearAfter = e.ClearAfter,
        });
        _unresolved[alert.Id] = alert;
        if (record.Active is null || record.Active.OpenedAt < alert.OpenedAt)
        {
            if (record.Active is { } superseded)
            {
                superseded.IsActive = false;
            }

            record.Active = alert;
        }
        else
        {
            alert.IsActive = false;
        }

        return alert;
    }
}
