namespace EnvMonitoring.Rules.Engine;

/// <summary>
/// A parameter's valid records for the rolling windows, one slot per report interval, keyed by
/// measurement time (not arrival), kept for the retention. Running sums follow the 1-hour and
/// 24-hour windows ending at the newest slot, so the common case (a record in a new latest slot)
/// costs O(1); a late record updates its slot and the running sums it falls in, and its own
/// windows are summed slot by slot.
/// </summary>
internal sealed class SlotRing
{
    private readonly Slot[] _slots;
    private readonly long _slotTicks;
    private readonly int _hourSlots;
    private readonly int _daySlots;
    private MeanAccumulator _hour;
    private MeanAccumulator _day;
    private long _head = long.MinValue;

    public SlotRing(StationTimings timings)
    {
        _slots = new Slot[timings.RetentionSlots];
        _slotTicks = timings.SlotTicks;
        _hourSlots = timings.HourSlots;
        _daySlots = timings.DaySlots;
    }

    public long SlotTicks => _slotTicks;

    public int Length => _slots.Length;

    public RingAdd Add(long ticks, double value, double flow, out long slot)
    {
        slot = ticks / _slotTicks;
        if (slot > _head)
        {
            Advance(slot);
        }
        else if (slot <= _head - _slots.Length)
        {
            return RingAdd.TooOld;
        }

        ref var entry = ref _slots[slot % _slots.Length];
        if (entry.Number != slot)
        {
            // A stale entry from a previous lap: already outside every window, so it is just reset.
            entry = default;
            entry.Number = slot;
        }
        else if (entry.LastTicks == ticks)
        {
            return RingAdd.Duplicate;
        }

        entry.LastTicks = ticks;
        entry.Totals.Add(value, flow);
        if (slot > _head - _hourSlots)
        {
            _hour.Add(value, flow);
        }

        if (slot > _head - _daySlots)
        {
            _day.Add(value, flow);
        }

        return RingAdd.Added;
    }

    /// <summary>The mean of the 1-hour (<paramref name="hour"/>) or 24-hour window ending at <paramref name="slot"/>.</summary>
    public bool TryMean(long slot, bool hour, double minCount, out double mean)
    {
        if (slot == _head)
        {
            return (hour ? _hour : _day).TryMean(minCount, out mean);
        }

        var totals = default(MeanAccumulator);
        var windowSlots = hour ? _hourSlots : _daySlots;
        var from = Math.Max(slot - windowSlots + 1, _head - _slots.Length + 1);
        for (var k = from; k <= slot; k++)
        {
            ref var entry = ref _slots[k % _slots.Length];
            if (entry.Number == k)
            {
                totals.Add(entry.Totals);
            }
        }

        return totals.TryMean(minCount, out mean);
    }

    private void Advance(long slot)
    {
        if (_head != long.MinValue)
        {
            Drop(ref _hour, _hourSlots, slot);
            Drop(ref _day, _daySlots, slot);
        }

        _head = slot;
    }

    /// <summary>Takes out of a window the slots that leave it when its end moves from the head to <paramref name="slot"/>.</summary>
    private void Drop(ref MeanAccumulator window, int windowSlots, long slot)
    {
        var from = _head - windowSlots + 1;
        var to = Math.Min(_head, slot - windowSlots);
        if (to >= _head)
        {
            window = default;
            return;
        }

        for (var k = from; k <= to; k++)
        {
            ref var entry = ref _slots[k % _slots.Length];
            if (entry.Number == k)
            {
                window.Subtract(entry.Totals);
            }
        }
    }
}
