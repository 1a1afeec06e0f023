using EnvMonitoring.Protocol.Time;
using EnvMonitoring.Rules.Profiles;

namespace EnvMonitoring.Rules.Engine;

/// <summary><see cref="RuleSettings"/> turned into ticks and slot counts once per profile, so the hot path only compares longs.</summary>
internal sealed class StationTimings
{
    public StationTimings(RuleSettings s)
    {
        SlotTicks = s.ReportInterval.Ticks;
        HourSlots = (int)(TimeSpan.TicksPerHour / SlotTicks);
        DaySlots = HourSlots * 24;
        RetentionSlots = (int)Math.Max(DaySlots + 1, s.Retention.Ticks / SlotTicks);
        MinHourCount = s.MinimumCompleteness * HourSlots;
        MinDayCount = s.MinimumCompleteness * DaySlots;
        ApproachRatio = s.ApproachRatio ?? double.NaN;
        ClearRatio = s.ClearRatio;
        ClearTicks = s.ClearTime.Ticks;
        DayClearTicks = s.DayClearTime.Ticks;
        DeadManClearTicks = s.DeadManClearTime.Ticks;
        FlapWindow = s.FlapWindow;
        FlapMaxDoublings = s.FlapMaxDoublings;
        SustainedTicks = s.SustainedFor.Ticks;
        FlatLineTicks = s.FlatLineAfter?.Ticks ?? 0;
        FlatLineTolerance = s.FlatLineTolerance;
        SilentTicks = s.SilentAfter.Ticks;
        OfflineTicks = s.OfflineAfter.Ticks;
        LateTicks = s.LateAfter.Ticks;
        DayCloseGraceTicks = s.DayCloseGrace.Ticks;
    }

    public long SlotTicks { get; }

    public int HourSlots { get; }

    public int DaySlots { get; }

    public int RetentionSlots { get; }

    public double MinHourCount { get; }

    public double MinDayCount { get; }

    public double ApproachRatio { get; }

    public double ClearRatio { get; }

    public long ClearTicks { get; }

    public long DayClearTicks { get; }

    public long DeadManClearTicks { get; }

    public TimeSpan FlapWindow { get; }

    public int FlapMaxDoublings { get; }

    public long SustainedTicks { get; }

    /// <summary>0: the flat-line rule is off.</summary>
    public long FlatLineTicks { get; }

    public double FlatLineTolerance { get; }

    public long SilentTicks { get; }

    public long OfflineTicks { get; }

    public long LateTicks { get; }

    public long DayCloseGraceTicks { get; }

    /// <summary>The legal local day (<see cref="ProvinceTime"/>) holding an instant in UTC ticks: daily means are judged per legal day.</summary>
    public static long LocalDayOf(long utcTicks) => ProvinceTime.DayNumberOf(utcTicks);

    /// <summary>The UTC instant a local day ends (its next midnight, 17:00 UTC).</summary>
    public static long EndOfLocalDay(long day) => ProvinceTime.EndOfDayUtcTicks(day);
}
