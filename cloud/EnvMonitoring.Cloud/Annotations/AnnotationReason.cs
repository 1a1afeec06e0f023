namespace EnvMonitoring.Cloud.Annotations;

/// <summary>
/// Why an operator annotates a period (issue #17, item 4; docs/annotations.md). The wire names
/// (<see cref="Protocol.Codec.WireName"/>: <c>maintenance</c>, <c>probeFault</c>,
/// <c>calibrationNotReported</c>, <c>laboratoryValue</c>, <c>powerOutage</c>) are said here only;
/// what each does once approved is <see cref="AnnotationEffect"/>.
/// </summary>
public enum AnnotationReason
{
    /// <summary>Planned maintenance of the station or its analyser.</summary>
    Maintenance,

    /// <summary>A probe was faulty although the datalogger reported it measuring.</summary>
    ProbeFault,

    /// <summary>The analyser was calibrating but the datalogger did not send status 01.</summary>
    CalibrationNotReported,

    /// <summary>A laboratory-verified value stands for the period (<see cref="Annotation.Value"/>).</summary>
    LaboratoryValue,

    /// <summary>The station had no power.</summary>
    PowerOutage,
}
