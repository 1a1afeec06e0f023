namespace EnvMonitoring.Integration.Tests.Ingestion;

/// <summary>A point InfluxDB must hold: its station, measurement time and every field (status and seq included).</summary>
internal sealed record ExpectedPoint(string Station, DateTimeOffset Time, IReadOnlyDictionary<string, double> Fields)
{
    public static ExpectedPoint Of(EnvMonitoring.Protocol.Samples.Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var fields = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var reading in sample.Readings)
        {
            fields[reading.Parameter.Code] = reading.Value;
            if (reading.Status != EnvMonitoring.Protocol.Samples.DeviceStatus.Measuring)
            {
                fields[reading.Parameter.Code + "_status"] = (int)reading.Status;
            }
        }

        if (sample.Seq is { } seq)
        {
            fields["seq"] = seq;
        }

        return new ExpectedPoint(sample.Station, sample.Timestamp, fields);
    }
}
