namespace EnvMonitoring.Evidence.Seals;

/// <summary>What verification can find wrong with a station-day.</summary>
public enum FindingKind
{
    /// <summary>A sealed reading or event is stored with other content.</summary>
    Altered,

    /// <summary>A sealed reading or event is no longer stored.</summary>
    Deleted,

    /// <summary>A stored reading or event that no seal covers and nothing is waiting to seal.</summary>
    Inserted,

    /// <summary>A seal itself does not hold: bad signature, unknown key, a broken link or a missing version.</summary>
    Seal,
}

/// <summary>One finding: what, when (measured time, ms), which parameter or event, and what is stored now.</summary>
public sealed record SealFinding(FindingKind Kind, long? Time, string? Parameter, long? Seq, string Detail);

/// <summary>The verdict on a station-day.</summary>
public enum DayVerdict
{
    /// <summary>Every sealed item is stored as sealed, every seal holds, nothing unexplained is stored.</summary>
    Intact,

    /// <summary>At least one finding.</summary>
    Tampered,

    /// <summary>No seal for the day (it has not been sealed yet, or sealing was off).</summary>
    Unsealed,
}

/// <summary>
/// The integrity of one station's legal day: the verdict, the seal versions it was checked against
/// (their ids), how much they cover, what is stored but still waiting for the next seal, and each finding.
/// </summary>
public sealed record DayIntegrity(
    string Station,
    DateOnly Day,
    DayVerdict Verdict,
    IReadOnlyList<string> Seals,
    int SealedSamples,
    int SealedEvents,
    int AwaitingSeal,
    IReadOnlyList<SealFinding> Findings);
