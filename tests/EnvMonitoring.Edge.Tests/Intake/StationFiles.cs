using EnvMonitoring.Protocol.Samples;

namespace EnvMonitoring.Edge.Tests.Intake;

/// <summary>The DOMAIN.md illustration, its variants, and the sample each must become.</summary>
internal static class StationFiles
{
    public const string Name = "TN_YBWWTP_NUOC01_20250315103000.txt";

    /// <summary>DOMAIN.md, "Data from stations: Circular 10/2021 files", verbatim (tab separated).</summary>
    public const string Illustration =
        "Flow_in\t152.4\tm3/h\t20250315103000\t00\n" +
        "pH\t7.21\t-\t20250315103000\t00\n" +
        "COD\t41.2\tmg/L\t20250315103000\t01\n" +
        "NH4\t2.3\tmg/L\t20250315103000\t02\n";

    public static readonly DateTimeOffset Time = new(2025, 3, 15, 10, 30, 0, TimeSpan.FromHours(7));

    public static TheoryData<string, string> Variants => new()
    {
        { "tabs", Illustration },
        { "runs of spaces", Illustration.Replace("\t", "    ", StringComparison.Ordinal) },
        { "Windows line ends", Illustration.Replace("\n", "\r\n", StringComparison.Ordinal) },
        { "a UTF-8 byte order mark", "\uFEFF" + Illustration },
        { "blank lines", "\r\n" + Illustration.Replace("\n", "\n\n", StringComparison.Ordinal) },
        { "an ignored parameter", "Camera\tOK\n" + Illustration },
        {
            "missing units",
            "Flow_in 152.4 20250315103000 00\npH 7.21 20250315103000 00\nCOD 41.2 20250315103000 01\nNH4 2.3 20250315103000 02\n"
        },
        {
            "the timestamp first",
            "20250315103000\tFlow_in\t152.4\tm3/h\t00\n20250315103000\tpH\t7.21\t-\t00\n20250315103000\tCOD\t41.2\tmg/L\t01\n20250315103000\tNH4\t2.3\tmg/L\t02\n"
        },
        {
            "missing statuses where measuring",
            "Flow_in\t152.4\tm3/h\t20250315103000\npH\t7.21\t-\t20250315103000\nCOD\t41.2\tmg/L\t20250315103000\t01\nNH4\t2.3\tmg/L\t20250315103000\t02\n"
        },
    };

    /// <summary>The one sample the illustration (and each variant) means.</summary>
    public static void AssertIllustrationSample(Sample sample)
    {
        Assert.Equal(IntakeHost.Station, sample.Station);
        Assert.Equal(Time, sample.Timestamp);
        Assert.Equal(TimeSpan.FromHours(7), sample.Timestamp.Offset);
        Assert.Equal(
            [("pH", 7.21, DeviceStatus.Measuring), ("COD", 41.2, DeviceStatus.Calibrating), ("NH4", 2.3, DeviceStatus.Fault), ("FlowIn", 152.4, DeviceStatus.Measuring)],
            sample.Readings.Select(r => (r.Parameter.Code, r.Value, r.Status)));
    }

    /// <summary>A one-line file of <paramref name="station"/>'s pH at <paramref name="time"/> (yyyyMMddHHmmss).</summary>
    public static (string Name, string Content) PH(string time, double value, string station = IntakeHost.FileStation) =>
        ($"{station}_{time}.txt", $"pH\t{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}\t-\t{time}\t00\n");
}
