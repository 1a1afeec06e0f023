namespace EnvMonitoring.Cloud.History;

/// <summary>How history is read (section <c>History</c>).</summary>
public sealed class HistoryOptions
{
    public const string Section = "History";

    /// <summary>
    /// Raw data is read from InfluxDB one slice at a time and streamed out, so memory stays flat
    /// whatever the range. One day holds 1,440 one-minute samples, 17,280 at 5 s.
    /// </summary>
    public TimeSpan RawSlice { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The longest range one request may ask for.</summary>
    public TimeSpan MaxRange { get; set; } = TimeSpan.FromDays(366 * 20);
}
