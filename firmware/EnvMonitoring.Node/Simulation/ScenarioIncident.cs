namespace EnvMonitoring.Node.Simulation;

/// <summary>One scripted incident of a <see cref="Scenario"/>; see docs/firmware.md for the file format.</summary>
public sealed class ScenarioIncident
{
    public IncidentKind Kind { get; set; }

    /// <summary>The station it happens to; stations of other nodes are ignored.</summary>
    public string Station { get; set; } = "";

    /// <summary>The parameter affected (every kind but <see cref="IncidentKind.Offline"/>).</summary>
    public string? Parameter { get; set; }

    /// <summary>More parameters (a calibration often covers several channels).</summary>
    public List<string> Parameters { get; set; } = [];

    /// <summary>When it starts, from the start of the run (or of each repetition).</summary>
    public TimeSpan Start { get; set; }

    public TimeSpan Duration { get; set; }

    /// <summary><see cref="IncidentKind.Spike"/>: the multiple of the normal value at the peak.</summary>
    public double Factor { get; set; } = 4;

    /// <summary><see cref="IncidentKind.Excursion"/>: the value reached.</summary>
    public double? Target { get; set; }

    /// <summary><see cref="IncidentKind.ProbeDies"/>: how the failure shows.</summary>
    public ProbeFailure Failure { get; set; } = ProbeFailure.Fault;

    /// <summary><see cref="IncidentKind.Offline"/>: true for a network outage (readings kept and sent later), false for a power cut.</summary>
    public bool KeepMeasuring { get; set; } = true;

    public IReadOnlyList<string> AffectedParameters => Parameter is null ? Parameters : [Parameter, .. Parameters];
}
