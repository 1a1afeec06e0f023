namespace EnvMonitoring.Protocol.Samples;

/// <summary>
/// What a station measured at one moment: its readings, stamped with the measurement time
/// (never the arrival time). A reading's identity is (station, parameter, <see cref="Timestamp"/>).
/// </summary>
public sealed class Sample
{
    public Sample(string station, DateTimeOffset timestamp, IReadOnlyList<Reading> readings, long? seq = null)
    {
        ArgumentNullException.ThrowIfNull(readings);
        Station = Identifiers.Identifier.Require(station, nameof(station));
        Timestamp = timestamp;
        Readings = readings;
        Seq = seq;
    }

    public string Station { get; }

    /// <summary>Per-station counter increasing by one per sample; detects gaps and duplicates.</summary>
    public long? Seq { get; }

    /// <summary>Measurement time, with the offset the station sent.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Readings in catalog order, at most one per parameter.</summary>
    public IReadOnlyList<Reading> Readings { get; }

    public bool TryGetReading(string parameterCode, out Reading reading)
    {
        foreach (var candidate in Readings)
        {
            if (candidate.Parameter.Code == parameterCode)
            {
                reading = candidate;
                return true;
            }
        }

        reading = default;
        return false;
    }
}
