using EnvMonitoring.Cloud.Alerts;
using EnvMonitoring.Evidence.Seals;
using EnvMonitoring.Protocol.Samples;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Cloud.Seals;

/// <summary>What the platform seals, in the evidence library's terms: a stored sample's readings and an alert event as stored.</summary>
internal static class SealItems
{
    /// <summary>A sample's readings as a new array (for reading back; the sealer uses the overload with a scratch buffer).</summary>
    public static SealReading[] Readings(Sample sample)
    {
        var readings = new SealReading[sample.Readings.Count];
        return Readings(sample, ref readings).ToArray();
    }

    public static SealItem Of(Sample sample) =>
        SealEncoder.Sample(sample.Station, sample.Timestamp.ToUnixTimeMilliseconds(), Readings(sample));

    /// <summary>A sample's readings in <paramref name="scratch"/> (grown when too small), without allocating: the sealer's hot path.</summary>
    public static Span<SealReading> Readings(Sample sample, ref SealReading[] scratch)
    {
        var count = sample.Readings.Count;
        if (scratch.Length < count)
        {
            scratch = new SealReading[count * 2];
        }

        for (var i = 0; i < count; i++)
        {
            var reading = sample.Readings[i];
            scratch[i] = new SealReading(reading.Parameter.Code, reading.Value, (int)reading.Status);
        }

        return scratch.AsSpan(0, count);
    }

    /// <summary>An event, by the JSON it is stored as (<see cref="AlertEventStore"/>), timed by when the engine saw it.</summary>
    public static SealItem Of(AlertEvent e, string json) =>
        SealEncoder.Event(e.Cause.Station, e.At.ToUnixTimeMilliseconds(), e.Sequence, json);
}
