using EnvMonitoring.Node.Channels;

namespace EnvMonitoring.Node.Tests.Channels;

public sealed class CalibrationTests
{
    [Fact]
    public void Without_points_the_value_is_left_as_measured() => Assert.Equal(42.5, Calibration.None.Apply(42.5));

    [Fact]
    public void One_point_is_an_offset()
    {
        var calibration = Points((25.4, 25.0));

        Assert.Equal(29.6, calibration.Apply(30), 9);
    }

    [Fact]
    public void Two_points_are_a_line_through_both_and_beyond()
    {
        // pH buffers: the electrode read 6.85 in buffer 7 and 4.10 in buffer 4.
        var calibration = Points((6.85, 7), (4.10, 4));

        Assert.Equal(7, calibration.Apply(6.85), 9);
        Assert.Equal(4, calibration.Apply(4.10), 9);
        Assert.Equal(4 + ((9.60 - 4.10) * 3 / 2.75), calibration.Apply(9.60), 9);
    }

    [Fact]
    public void More_points_are_piecewise_linear_and_the_end_segments_extend()
    {
        var calibration = Points((0, 0), (100, 90), (200, 210));

        Assert.Equal(45, calibration.Apply(50), 9);
        Assert.Equal(150, calibration.Apply(150), 9);
        Assert.Equal(330, calibration.Apply(300), 9);
        Assert.Equal(-9, calibration.Apply(-10), 9);
    }

    [Fact]
    public void Points_may_come_in_any_order() =>
        Assert.Equal(Points((0, 0), (100, 90), (200, 210)).Apply(120), Points((200, 210), (0, 0), (100, 90)).Apply(120), 9);

    [Fact]
    public void Two_points_measuring_the_same_value_are_refused() =>
        Assert.Throws<ArgumentException>(() => Points((5, 4), (5, 7)));

    private static Calibration Points(params (double Measured, double Reference)[] points) =>
        new(points.Select(p => new CalibrationPoint { Measured = p.Measured, Reference = p.Reference }));
}
