namespace EnvMonitoring.Rules.Compliance;

/// <summary>
/// Local days of Vietnam (Asia/Ho_Chi_Minh, UTC+7 without daylight saving since 1975): a day
/// runs from 17:00 UTC to 17:00 UTC. Pure arithmetic, so it needs no time-zone database.
/// </summary>
public static class LocalDays
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The local midnight that starts the day holding <paramref name="instant"/>, with a +07:00 offset.</summary>
    public static DateTimeOffset StartOf(DateTimeOffset instant)
    {
        var local = instant.ToOffset(Offset);
        return new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, Offset);
    }

    /// <summary>The local midnight at or after <paramref name="instant"/>.</summary>
    public static DateTimeOffset CeilingOf(DateTimeOffset instant)
    {
        var start = StartOf(instant);
        return start == instant ? start : start.AddDays(1);
    }

    /// <summary>The start of the UTC hour (also a local hour: the offset is whole hours).</summary>
    public static DateTimeOffset HourOf(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
}
