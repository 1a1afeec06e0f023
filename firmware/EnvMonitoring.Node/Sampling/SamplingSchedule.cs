namespace EnvMonitoring.Node.Sampling;

/// <summary>
/// When to read the probes and when to report. Reports fall on whole multiples of the report
/// interval since the Unix epoch (…:00, …:05 for 5 s), as station dataloggers stamp them, and the
/// sampling interval is shortened to divide the report interval, so every report averages the same
/// number of reads. A report is stamped with the end of its interval. Pure.
/// </summary>
internal readonly record struct SamplingSchedule
{
    public SamplingSchedule(TimeSpan reportInterval, TimeSpan sampleInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(reportInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sampleInterval, TimeSpan.Zero);
        ReportInterval = reportInterval;
        SamplesPerReport = (int)Math.Max(1, Math.Round(reportInterval / sampleInterval));
        SampleInterval = reportInterval / SamplesPerReport;
    }

    /// <summary>How far a sampling tick may fall short of a report boundary and still close the interval.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(1);

    public TimeSpan ReportInterval { get; }

    public TimeSpan SampleInterval { get; }

    public int SamplesPerReport { get; }

    /// <summary>The first sampling tick after <paramref name="now"/>.</summary>
    public DateTimeOffset NextSample(DateTimeOffset now) => Next(now, SampleInterval);

    /// <summary>The end of the report interval holding <paramref name="now"/> (now itself when it is a boundary).</summary>
    public DateTimeOffset ReportDue(DateTimeOffset now)
    {
        var next = Next(now, ReportInterval);
        return next - ReportInterval == now ? now : next;
    }

    private static DateTimeOffset Next(DateTimeOffset now, TimeSpan interval)
    {
        var ticks = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var next = ((ticks / interval.Ticks) + 1) * interval.Ticks;
        return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + next, TimeSpan.Zero);
    }
}
