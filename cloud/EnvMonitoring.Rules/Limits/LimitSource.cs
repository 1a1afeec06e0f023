namespace EnvMonitoring.Rules.Limits;

/// <summary>Where a station's limit for a parameter comes from.</summary>
public enum LimitSource
{
    /// <summary>A column of a regulation, with its coefficients.</summary>
    Regulation,

    /// <summary>The station's environmental permit, which always wins over the regulation.</summary>
    Permit,
}
