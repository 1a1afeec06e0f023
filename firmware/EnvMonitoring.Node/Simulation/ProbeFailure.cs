namespace EnvMonitoring.Node.Simulation;

/// <summary>How a dying probe shows (<see cref="IncidentKind.ProbeDies"/>).</summary>
public enum ProbeFailure
{
    /// <summary>The analyser's loop drops to 0 mA: a value at the bottom of its range with status 2.</summary>
    Fault,

    /// <summary>The probe stops answering: the parameter disappears from the samples.</summary>
    Silent,
}
