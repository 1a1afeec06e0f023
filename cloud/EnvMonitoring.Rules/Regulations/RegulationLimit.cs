using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// One parameter's row of a regulation: its value per column, and whether the formula's
/// coefficients apply to it (QCVN 40:2011: not to temperature, colour and pH).
/// A column whose value is null is still to fill.
/// </summary>
public sealed class RegulationLimit
{
    internal RegulationLimit(Parameter parameter, string unit, bool appliesFactors, IReadOnlyDictionary<string, LimitValue?> columns)
    {
        Parameter = parameter;
        Unit = unit;
        AppliesFactors = appliesFactors;
        Columns = columns;
    }

    public Parameter Parameter { get; }

    public string Unit { get; }

    public bool AppliesFactors { get; }

    public IReadOnlyDictionary<string, LimitValue?> Columns { get; }
}
