using EnvMonitoring.Protocol.Time;

namespace EnvMonitoring.Cloud.Series;

/// <summary>The windows of the history API: raw readings, or aggregates per 1 min, 15 min, 1 h or local day.</summary>
internal enum HistoryWindow
{
    Raw,
    Minute,
    QuarterHour,
    Hour,
    Day,
}

internal static class HistoryWindows
{
    public static readonly IReadOnlyDictionary<string, HistoryWindow> ByName = new Dictionary<string, HistoryWindow>(StringComparer.Ordinal)
    {
        ["raw"] = HistoryWindow.Raw,
        ["1m"] = HistoryWindow.Minute,
        ["15m"] = HistoryWindow.QuarterHour,
        ["1h"] = HistoryWindow.Hour,
        ["1d"] = HistoryWindow.Day,
    };

    public static string Name(this HistoryWindow window) => ByName.First(p => p.Value == window).Key;

    public static TimeSpan Length(this HistoryWindow window) => window switch
    {
        HistoryWindow.Minute => TimeSpan.FromMinutes(1),
        HistoryWindow.QuarterHour => TimeSpan.FromMinutes(15),
        HistoryWindow.Hour => TimeSpan.FromHours(1),
        HistoryWindow.Day => TimeSpan.FromDays(1),
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, "Raw readings have no window."),
    };

    /// <summary>
    /// The start of the window holding <paramref name="instant"/>. Minutes, quarters and hours align
    /// to UTC, which is also local alignment (UTC+7 is whole hours); days start at local midnight
    /// (17:00 UTC), as InfluxQL's <c>GROUP BY time(1d, -7h)</c> would.
    /// </summary>
    public static DateTimeOffset Floor(this HistoryWindow window, DateTimeOffset instant)
    {
        if (window == HistoryWindow.Day)
        {
            return ProvinceTime.StartOfDay(instant);
        }

        var ticks = window.Length().Ticks;
        return new DateTimeOffset(instant.UtcTicks - (instant.UtcTicks % ticks), TimeSpan.Zero);
    }

    public static DateTimeOffset Ceiling(this HistoryWindow window, DateTimeOffset instant)
    {
        var floor = window.Floor(instant);
        return floor == instant ? floor : window == HistoryWindow.Day ? floor.AddDays(1) : floor + window.Length();
    }
}
