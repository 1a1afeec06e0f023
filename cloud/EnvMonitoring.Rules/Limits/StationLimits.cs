using System.Globalization;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Rules.Limits;

/// <summary>
/// Derives a station's limits from its <see cref="LimitDeclaration"/>: the regulation column's C
/// times the formula's coefficients (QCVN 40:2011 Cmax = C × Kq × Kf for the parameters that take
/// them; Cmax = C for temperature, colour and pH), computed in decimal so that 150 × 0.9 × 1.1 is
/// exactly 148.5; then the permit's limits replace the regulation's, parameter by parameter.
/// </summary>
public static class StationLimits
{
    public static IReadOnlyList<ParameterLimit> Resolve(RegulationLibrary library, LimitDeclaration declaration, ParameterCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(declaration);
        catalog ??= ParameterCatalog.Default;
        var permit = ResolvePermit(declaration.Permit, catalog);
        var limits = new List<ParameterLimit>();
        if (declaration.Regulation is { } id)
        {
            var regulation = library.Get(id);
            var column = declaration.Column is { } code
                ? regulation.FindColumn(code) ?? throw new RegulationException(
                    $"{regulation.Id} has no column '{code}'; columns: {string.Join(", ", regulation.Columns.Select(c => c.Code))}.")
                : throw new RegulationException($"The station references {regulation.Id} without a column.");
            var needed = regulation.Limits.Where(l => !permit.ContainsKey(l.Parameter)).ToList();
            var factors = needed.Any(l => l.AppliesFactors)
                ? regulation.FormulaFactors.Select(name => regulation.FindFactor(name)!.Resolve(regulation, declaration.Site)).ToList()
                : [];
            limits.AddRange(needed.Select(limit => FromRegulation(regulation, column, limit, factors, declaration.Site)));
        }
        else if (declaration.Column is not null)
        {
            throw new RegulationException($"The station names column '{declaration.Column}' but no regulation.");
        }

        limits.AddRange(permit.Values);
        return limits.OrderBy(l => l.Parameter.Index).ToList();
    }

    private static ParameterLimit FromRegulation(
        Regulation regulation, RegulationColumn column, RegulationLimit limit, List<AppliedFactor> factors, SiteInputs site)
    {
        var code = limit.Parameter.Code;
        var value = limit.Columns[column.Code] ?? throw Pending(regulation, $"{code} column {column.Code}");
        var band = value.Select(regulation, site, code);
        if (band.IsPending)
        {
            throw Pending(regulation, $"{code} column {column.Code}");
        }

        var max = band.Max;
        var confidence = band.Confidence;
        var basis = $"{regulation.Id} column {column.Code}: {Range(band.Min, band.Max)}";
        if (limit.AppliesFactors && max is { } c)
        {
            foreach (var factor in factors)
            {
                c *= factor.Value;
                confidence = ConfidenceMarks.Weakest(confidence, factor.Confidence);
                basis += $" × {factor.Name} {Number(factor.Value)} ({factor.Basis})";
            }

            confidence = ConfidenceMarks.Weakest(confidence, regulation.FormulaConfidence);
            basis += $" = {Number(c)}";
            max = c;
        }

        basis += $" {limit.Unit}";
        return new ParameterLimit(limit.Parameter, (double?)band.Min, (double?)max, LimitSource.Regulation, confidence, basis)
        {
            Regulation = regulation.Id,
            Column = column.Code,
            Factors = limit.AppliesFactors && band.Max is not null ? factors : [],
        };
    }

    private static Dictionary<Parameter, ParameterLimit> ResolvePermit(IReadOnlyList<PermitLimit> permit, ParameterCatalog catalog)
    {
        var limits = new Dictionary<Parameter, ParameterLimit>();
        foreach (var entry in permit)
        {
            if (!catalog.TryGet(entry.Parameter, out var parameter))
            {
                throw new RegulationException($"Permit {entry.Reference}: '{entry.Parameter}' is not in the parameter catalog (codes are case-sensitive).");
            }

            if (entry.Min is null && entry.Max is null || entry.Min >= entry.Max ||
                entry.Min is { } min && !double.IsFinite(min) || entry.Max is { } max && !(double.IsFinite(max) && max > 0))
            {
                throw new RegulationException($"Permit {entry.Reference}: the limit of {entry.Parameter} needs a finite max above zero and/or a min below it.");
            }

            var limit = new ParameterLimit(parameter, entry.Min, entry.Max, LimitSource.Permit, Confidence.Confirmed, $"permit {entry.Reference}: {Range((decimal?)entry.Min, (decimal?)entry.Max)} {parameter.Unit}")
            {
                PermitReference = entry.Reference,
            };
            if (!limits.TryAdd(parameter, limit))
            {
                throw new RegulationException($"Permit {entry.Reference}: {entry.Parameter} is listed twice.");
            }
        }

        return limits;
    }

    private static string Range(decimal? min, decimal? max) => (min, max) switch
    {
        ({ } low, { } high) => $"{Number(low)}–{Number(high)}",
        ({ } low, null) => $"≥ {Number(low)}",
        (null, { } high) => Number(high),
        _ => "none",
    };

    private static string Number(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static RegulationException Pending(Regulation regulation, string what) => new(
        $"{regulation.Id} has no value yet for {what}: {regulation.PendingNote ?? "the file leaves it empty"}. " +
        "Load a corrected regulation file (docs/rules.md) before a station references it.");
}
