using EnvMonitoring.Rules.Compliance;

namespace EnvMonitoring.Rules.Tests.Compliance;

public sealed class ReadingValidityTests
{
    [Theory]
    [InlineData(45.0, 0, false, ReadingClass.Valid)]
    [InlineData(0.0, 0, false, ReadingClass.Valid)]
    [InlineData(-0.1, 0, false, ReadingClass.Invalid)]
    [InlineData(-0.1, 0, true, ReadingClass.Valid)]
    [InlineData(double.NaN, 0, true, ReadingClass.Invalid)]
    [InlineData(45.0, 1, false, ReadingClass.Calibrating)]
    [InlineData(-5.0, 1, false, ReadingClass.Calibrating)]
    [InlineData(45.0, 2, false, ReadingClass.Fault)]
    [InlineData(45.0, 7, false, ReadingClass.Invalid)]
    public void Sorts_a_reading_by_status_and_value(double value, int status, bool negativeAllowed, ReadingClass expected) =>
        Assert.Equal(expected, ReadingValidity.Classify(value, status, negativeAllowed));
}
