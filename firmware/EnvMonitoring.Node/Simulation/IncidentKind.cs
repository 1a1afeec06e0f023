namespace EnvMonitoring.Node.Simulation;

/// <summary>What a scripted incident does to a simulated station.</summary>
public enum IncidentKind
{
    /// <summary>A parameter rises to <c>factor</c> times its normal value (a COD spike) and falls back.</summary>
    Spike,

    /// <summary>A parameter moves to <c>target</c> (a pH excursion to 10.8) and comes back.</summary>
    Excursion,

    /// <summary>A probe stops working: status 2 with a dead-loop value (<c>Fault</c>), or no value at all (<c>Silent</c>).</summary>
    ProbeDies,

    /// <summary>A sensor sticks: the same value, without noise, for the whole window (status 0).</summary>
    FlatLine,

    /// <summary>A technician calibrates: status 1, zero standard for the first half, span standard for the second.</summary>
    Calibration,

    /// <summary>The node goes offline: its link drops (readings buffered, sent later) or it loses power (no readings).</summary>
    Offline,
}
