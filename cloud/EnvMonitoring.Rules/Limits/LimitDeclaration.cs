namespace EnvMonitoring.Rules.Limits;

/// <summary>
/// What a station's registry entry says about its limits: a regulation column and the inputs its
/// coefficients need, and/or the permit's own limits per parameter (which win). A station with only
/// a permit leaves <see cref="Regulation"/> null.
/// </summary>
public sealed record LimitDeclaration
{
    /// <summary>The regulation id, e.g. <c>QCVN 40:2011/BTNMT</c>.</summary>
    public string? Regulation { get; init; }

    /// <summary>The column code, e.g. <c>B</c>.</summary>
    public string? Column { get; init; }

    public SiteInputs Site { get; init; } = SiteInputs.None;

    public IReadOnlyList<PermitLimit> Permit { get; init; } = [];
}
