using EnvMonitoring.Node.Sampling;

namespace EnvMonitoring.Node.Tests.Sampling;

public sealed class SamplingScheduleTests
{
    [Theory]
    [InlineData(60, 5, 12, 5.0)]
    [InlineData(60, 7, 9, 60.0 / 9)]
    [InlineData(5, 5, 1, 5.0)]
    [InlineData(1, 5, 1, 1.0)]
    public void Sampling_divides_the_report_interval(double reportSeconds, double sampleSeconds, int samples, double effectiveSeconds)
    {
        var schedule = new SamplingSchedule(TimeSpan.FromSeconds(reportSeconds), TimeSpan.FromSeconds(sampleSeconds));

        Assert.Equal(samples, schedule.SamplesPerReport);
        Assert.Equal(effectiveSeconds, schedule.SampleInterval.TotalSeconds, 6);
    }

    [Fact]
    public void Reports_fall_on_whole_multiples_of_the_interval()
    {
        var schedule = new SamplingSchedule(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));
        var now = new DateTimeOffset(2026, 3, 15, 10, 30, 12, 345, TimeSpan.FromHours(7));

        Assert.Equal(new DateTimeOffset(2026, 3, 15, 3, 30, 15, TimeSpan.Zero), schedule.NextSample(now));
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 3, 31, 0, TimeSpan.Zero), schedule.ReportDue(now));
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 3, 31, 0, TimeSpan.Zero), schedule.ReportDue(new DateTimeOffset(2026, 3, 15, 3, 31, 0, TimeSpan.Zero)));
    }
}
