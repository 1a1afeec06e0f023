namespace EnvMonitoring.Rules.Engine;

/// <summary>Whether the engine could evaluate a sample.</summary>
public enum EvaluationOutcome : byte
{
    Evaluated,

    /// <summary>No profile is configured for the sample's station; nothing was evaluated.</summary>
    UnknownStation,
}
