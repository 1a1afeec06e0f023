using EnvMonitoring.Rules.Compliance;

namespace EnvMonitoring.Rules.Tests.Compliance;

public sealed class WindowStatsTests
{
    [Fact]
    public void Counts_valid_readings_in_the_mean_and_excluded_ones_by_reason()
    {
        var stats = WindowStats.Empty
            .Add(ReadingClass.Valid, 10)
            .Add(ReadingClass.Valid, 30)
            .Add(ReadingClass.Calibrating, 500)
            .Add(ReadingClass.Fault, 900)
            .Add(ReadingClass.Invalid, -3);

        Assert.Equal(2, stats.Valid);
        Assert.Equal(20, stats.Mean);
        Assert.Equal(10, stats.Minimum);
        Assert.Equal(30, stats.Maximum);
        Assert.Equal((1, 1, 1), (stats.Calibrating, stats.Fault, stats.Invalid));
        Assert.Equal(5, stats.Total);
    }

    [Fact]
    public void Merging_hours_gives_the_same_mean_as_the_readings_together()
    {
        var a = WindowStats.Empty.Add(ReadingClass.Valid, 1).Add(ReadingClass.Valid, 2).Add(ReadingClass.Valid, 3);
        var b = WindowStats.Empty.Add(ReadingClass.Valid, 100);
        var stored = WindowStats.FromMean(b.Valid, b.Mean, b.Minimum, b.Maximum, 0, 0, 0);

        var merged = a.Merge(stored);

        Assert.Equal(26.5, merged.Mean);
        Assert.Equal(1, merged.Minimum);
        Assert.Equal(100, merged.Maximum);
    }

    [Fact]
    public void A_window_without_valid_readings_has_no_mean()
    {
        var stats = WindowStats.Empty.Add(ReadingClass.Fault, 4);

        Assert.Null(stats.Mean);
        Assert.Null(stats.Minimum);
        Assert.Equal(1, stats.Excluded);
    }
}
