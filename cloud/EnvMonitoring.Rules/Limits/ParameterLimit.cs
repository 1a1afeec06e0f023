using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Limits;

/// <summary>
/// A station's limit for one parameter, in the catalog's canonical unit: at most
/// <see cref="Max"/>, at least <see cref="Min"/> (both set: a range, as pH). <see cref="Basis"/>
/// explains it, e.g. <c>QCVN 40:2011/BTNMT column B: 150 × Kq 0.9 × Kf 1.0 = 135 mg/L</c>;
/// <see cref="Confidence"/> is the weakest mark of the values it was computed from.
/// </summary>
public sealed record ParameterLimit(Parameter Parameter, double? Min, double? Max, LimitSource Source, Confidence Confidence, string Basis)
{
    /// <summary>True when the admin view must show this limit as "to verify".</summary>
    public bool ToVerify => Confidence.IsToVerify();

    /// <summary>The regulation's id (<c>QCVN 40:2011/BTNMT</c>) for a regulation limit; null for a permit's.</summary>
    public string? Regulation { get; init; }

    /// <summary>The regulation's column (<c>A</c>); null for a permit's limit.</summary>
    public string? Column { get; init; }

    /// <summary>The coefficients the regulation's value was multiplied by, in the formula's order; empty when none applies.</summary>
    public IReadOnlyList<AppliedFactor> Factors { get; init; } = [];

    /// <summary>The permit that sets this limit (<see cref="LimitSource.Permit"/>); null for a regulation's.</summary>
    public string? PermitReference { get; init; }
}
