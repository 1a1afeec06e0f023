using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>What the platform seals, in the evidence library's terms: a stored sample's readings and an alert event as stored.</summary>
internal static class SealItems
{
    /// <summary>A sample's readings, in the sample's order (for reading back; the sealer writes records from a layout, <see cref="Codes"/> and <see cref="Fill"/>).</summary>
    public static SealReading[] Readings(Sample sample) => [.. sample.Readings.Select(Of)];

    /// <summary>One reading as sealed: its parameter's code, its value and its device status.</summary>
    public static SealReading Of(Reading reading) => new(Code(reading), reading.Value, Status(reading));

    /// <summary>The codes of readings as sealed, in their order (a record layout's, <see cref="SealSampleLayout"/>).</summary>
    public static string[] Codes(ReadOnlySpan<Reading> readings)
    {
        var codes = new string[readings.Length];
        for (var i = 0; i < readings.Length; i++)
        {
            codes[i] = Code(readings[i]);
        }

        return codes;
    }

    /// <summary>The values and statuses of readings as sealed, in their order, into the caller's spans (the sealer's hot path: nothing allocated).</summary>
    public static void Fill(ReadOnlySpan<Reading> readings, Span<double> values, Span<int> statuses)
    {
        for (var i = 0; i < readings.Length; i++)
        {
            values[i] = readings[i].Value;
            statuses[i] = Status(readings[i]);
        }
    }

    private static string Code(Reading reading) => reading.Parameter.Code;

    private static int Status(Reading reading) => (int)reading.Status;

    public static SealItem Of(Sample sample) =>
        SealEncoder.Sample(sample.Station, sample.Timestamp.ToUnixTimeMilliseconds(), Readings(sample));

    /// <summary>An event, by the JSON it is stored as (<see cref="AlertEventStore"/>), timed by when the engine saw it.</summary>
    public static SealItem Of(AlertEvent e, string json) =>
        SealEncoder.Event(e.Cause.Station, e.At.ToUnixTimeMilliseconds(), e.Sequence, json);
}
