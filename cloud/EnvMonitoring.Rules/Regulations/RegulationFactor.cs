using System.Globalization;
using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// A coefficient of a regulation's formula (Kq, Kf of QCVN 40:2011; Kp, Kv of QCVN 19:2009), with
/// one table per kind of input that can determine it (Kq: river flow, lake volume or coastal use).
/// </summary>
public sealed class RegulationFactor
{
    internal RegulationFactor(string name, string description, IReadOnlyList<FactorTable> tables)
    {
        Name = name;
        Description = description;
        Tables = tables;
    }

    public string Name { get; }

    public string Description { get; }

    public IReadOnlyList<FactorTable> Tables { get; }

    /// <summary>
    /// The coefficient for a station: the value the authority declared for it, else the one table
    /// whose input the station declares. Throws <see cref="RegulationException"/> when no input or
    /// two competing inputs are declared, or when the file has no value yet.
    /// </summary>
    internal AppliedFactor Resolve(Regulation regulation, SiteInputs site)
    {
        if (site.TryGetDeclaredFactor(Name, out var declared))
        {
            return new AppliedFactor(Name, declared, Confidence.Confirmed, "declared for the station");
        }

        var matching = Tables.Where(t => t.Accepts(site)).ToList();
        if (matching.Count == 0)
        {
            throw new RegulationException(
                $"{regulation.Id}: factor {Name} needs one of the station inputs {string.Join(", ", Tables.Select(t => t.Input))}, or a declared {Name}.");
        }

        if (matching.Count > 1)
        {
            throw new RegulationException(
                $"{regulation.Id}: factor {Name} is ambiguous: the station declares both {string.Join(" and ", matching.Select(t => t.Input))}.");
        }

        var (value, confidence, basis) = matching[0].Look(site, Name);
        if (value is not { } known)
        {
            throw new RegulationException(
                $"{regulation.Id}: factor {Name} has no value yet for {basis} ({regulation.PendingNote ?? "missing in the file"}). Load a corrected regulation file.");
        }

        var table = matching[0];
        return new AppliedFactor(Name, known, confidence, basis)
        {
            Input = table.Input,
            Quantity = table.IsBanded && site.TryGetQuantity(table.Input, out var quantity) ? quantity : null,
            Choice = !table.IsBanded && site.TryGetChoice(table.Input, out var choice) ? choice : null,
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({Tables.Count} tables)");
}
