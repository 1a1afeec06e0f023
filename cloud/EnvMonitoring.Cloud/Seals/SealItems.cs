using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>What the platform seals, in the evidence library's terms: a stored sample's readings and an alert event as stored.</summary>
internal static class SealItems
{
    /// <summary>A sample's readings, in the sample's order (for reading back; the sealer takes them through <see cref="ReadingOrder"/>).</summary>
    public static SealReading[] Readings(Sample sample) => [.. sample.Readings.Select(Of)];

    /// <summary>One reading as sealed: its parameter's code, its value and its device status.</summary>
    public static SealReading Of(Reading reading) => new(reading.Parameter.Code, reading.Value, (int)reading.Status);

    public static SealItem Of(Sample sample) =>
        SealEncoder.Sample(sample.Station, sample.Timestamp.ToUnixTimeMilliseconds(), Readings(sample));

    /// <summary>An event, by the JSON it is stored as (<see cref="AlertEventStore"/>), timed by when the engine saw it.</summary>
    public static SealItem Of(AlertEvent e, string json) =>
        SealEncoder.Event(e.Cause.Station, e.At.ToUnixTimeMilliseconds(), e.Sequence, json);
}
