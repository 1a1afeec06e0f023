using System.ComponentModel.DataAnnotations;

namespace EnvMonitoring.Cloud.Series;

/// <summary>How history is read (section <c>History</c>).</summary>
public sealed class HistoryOptions
{
    public const string Section = "History";

    /// <summary>
    /// Raw data is read from InfluxDB one slice at a time and streamed out, so memory stays flat
    /// whatever the range. Half a day holds 720 one-minute samples (a page's arrays stay under the
    /// large-object heap's 85 kB for 8 parameters), 8,640 at 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "31.00:00:00")]
    public TimeSpan RawSlice { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The longest range one request may ask for.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "36600.00:00:00")]
    public TimeSpan MaxRange { get; set; } = TimeSpan.FromDays(366 * 20);
}
