namespace EnvMonitoring.Rules.Engine;

/// <summary>
/// What the engine did with the readings it was given, for the host's metrics: excluded data is
/// counted, never silently dropped (DOMAIN.md: status 01/02 and invalid values are excluded and counted).
/// </summary>
public sealed class EngineCounters
{
    internal long ReadingsField;
    internal long CalibratingField;
    internal long FaultsField;
    internal long InvalidField;
    internal long FlatLineField;
    internal long DuplicatesField;
    internal long TooOldField;
    internal long LateField;
    internal long UnmonitoredField;
    internal long UnknownStationField;

    /// <summary>Readings of configured stations evaluated (all statuses).</summary>
    public long Readings => ReadingsField;

    /// <summary>Excluded: status 1, calibrating.</summary>
    public long Calibrating => CalibratingField;

    /// <summary>Excluded: status 2, device fault.</summary>
    public long Faults => FaultsField;

    /// <summary>Excluded: a negative value for a parameter that cannot be negative, or not finite.</summary>
    public long Invalid => InvalidField;

    /// <summary>Excluded: the value had been stuck for the flat-line time.</summary>
    public long FlatLine => FlatLineField;

    /// <summary>Ignored: a resend of a reading already counted.</summary>
    public long Duplicates => DuplicatesField;

    /// <summary>Older than the retention: judged on their own value only, not in the windows.</summary>
    public long TooOld => TooOldField;

    /// <summary>Older than the late threshold when evaluated.</summary>
    public long Late => LateField;

    /// <summary>Readings of parameters the station's profile does not monitor.</summary>
    public long Unmonitored => UnmonitoredField;

    /// <summary>Samples of stations not configured.</summary>
    public long UnknownStation => UnknownStationField;
}
