namespace EnvMonitoring.Protocol.Catalog;

/// <summary>
/// One measurable parameter of the catalog, in its canonical unit.
/// <see cref="AcceptedMin"/>..<see cref="AcceptedMax"/> is the range an instrument can plausibly report;
/// values outside it are rejected at the door. Stricter validity (negative concentrations, spikes)
/// is a compliance concern and belongs to the rules, which see every stored value.
/// </summary>
public sealed class Parameter
{
    internal Parameter(int index, string code, string name, string unit, Medium medium, double acceptedMin, double acceptedMax)
    {
        Index = index;
        Code = code;
        Name = name;
        Unit = unit;
        Medium = medium;
        AcceptedMin = acceptedMin;
        AcceptedMax = acceptedMax;
    }

    /// <summary>Position in its catalog: a dense index for per-parameter arrays.</summary>
    public int Index { get; }

    /// <summary>The case-sensitive code used on the wire and in storage, e.g. <c>COD</c>.</summary>
    public string Code { get; }

    public string Name { get; }

    /// <summary>Canonical unit, e.g. <c>mg/L</c>; <c>-</c> for dimensionless.</summary>
    public string Unit { get; }

    public Medium Medium { get; }

    public double AcceptedMin { get; }

    public double AcceptedMax { get; }

    public bool Accepts(double value) => value >= AcceptedMin && value <= AcceptedMax;

    public override string ToString() => Code;
}
