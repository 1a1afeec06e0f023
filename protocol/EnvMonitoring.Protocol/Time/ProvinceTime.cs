using System.Globalization;

namespace EnvMonitoring.Protocol.Time;

/// <summary>
/// The province's legal time, Asia/Ho_Chi_Minh: UTC+7 without daylight saving since 1975. Compliance
/// is judged on the legal local day (00:00–24:00 here, i.e. 17:00 to 17:00 UTC), and Circular
/// 10/2021 files, reports and screens show local time, so this is the one place that knows the
/// offset. Because it is fixed for every instant the platform accepts (2000–2099), the arithmetic
/// needs no time-zone database and gives the same answer on every machine.
/// </summary>
public static class ProvinceTime
{
    /// <summary>The IANA name of the zone, for people and documents.</summary>
    public const string ZoneId = "Asia/Ho_Chi_Minh";

    /// <summary>UTC+7.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>The same instant, written with the province's offset.</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The local wall-clock time <paramref name="local"/> (its kind is ignored) as an instant.</summary>
    public static DateTimeOffset FromLocal(DateTime local) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);

    /// <summary>The local midnight that starts the legal day holding <paramref name="instant"/>, with a +07:00 offset.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        return new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, Offset);
    }

    /// <summary>The legal day holding <paramref name="instant"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The local midnight that starts legal day <paramref name="day"/>, with a +07:00 offset.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => FromLocal(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>A legal day as documents, APIs and seals write it: yyyy-MM-dd.</summary>
    public static string DayText(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads a legal day written yyyy-MM-dd (nothing else).</summary>
    public static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>The local midnight at or after <paramref name="instant"/>.</summary>
    public static DateTimeOffset CeilingOfDay(DateTimeOffset instant)
    {
        var start = StartOfDay(instant);
        return start == instant ? start : start.AddDays(1);
    }

    /// <summary>The start of the hour holding <paramref name="instant"/>, in UTC; also a local hour, since the offset is whole hours.</summary>
    public static DateTimeOffset StartOfHour(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    /// <summary>The number of the legal day holding an instant given as UTC ticks (day 0 starts 0001-01-01 00:00 local); for hot paths that only compare longs.</summary>
    public static long DayNumberOf(long utcTicks) => (utcTicks + Offset.Ticks) / TimeSpan.TicksPerDay;

    /// <summary>The UTC ticks at which legal day <paramref name="day"/> (<see cref="DayNumberOf"/>) ends: its next midnight, 17:00 UTC.</summary>
    public static long EndOfDayUtcTicks(long day) => ((day + 1) * TimeSpan.TicksPerDay) - Offset.Ticks;
}
