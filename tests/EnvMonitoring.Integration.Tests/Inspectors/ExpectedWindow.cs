namespace EnvMonitoring.Integration.Tests.Inspectors;

/// <summary>Aggregates computed in the test, independently of the platform, from the readings it stored.</summary>
public sealed record ExpectedWindow(DateTimeOffset Start, double? Mean, double? Min, double? Max, int Count)
{
    private static readonly long LocalOffsetMs = (long)TimeSpan.FromHours(7).TotalMilliseconds;

    /// <summary>Window start in Unix ms: fixed windows from the epoch; a local day from 17:00 UTC.</summary>
    public static long StartOf(DateTimeOffset time, TimeSpan window)
    {
        var ms = time.ToUnixTimeMilliseconds();
        var length = (long)window.TotalMilliseconds;
        return window == TimeSpan.FromDays(1)
            ? (((ms + LocalOffsetMs) / length) * length) - LocalOffsetMs
            : (ms / length) * length;
    }

    /// <summary>Windows of one parameter that hold any reading, oldest first.</summary>
    public static List<ExpectedWindow> Of(IEnumerable<StoredReading> readings, string code, TimeSpan window) =>
        readings.Where(r => r.Code == code)
            .GroupBy(r => StartOf(r.Time, window))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var valid = g.Where(r => r.IsValid).Select(r => r.Value).ToList();
                return new ExpectedWindow(
                    DateTimeOffset.FromUnixTimeMilliseconds(g.Key),
                    valid.Count > 0 ? valid.Average() : null,
                    valid.Count > 0 ? valid.Min() : null,
                    valid.Count > 0 ? valid.Max() : null,
                    valid.Count);
            })
            .ToList();
}
