using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Admin.Api;

/// <summary>
/// What a station's site keys may be under one regulation, read from its coefficient tables: the
/// quantities (<c>Site</c>), the choices and their codes (<c>SiteChoices</c>) and the coefficients a
/// permit may fix (<c>Factors</c>). The checks refuse other keys and the station form offers these,
/// so both follow the regulation files.
/// </summary>
internal sealed record SiteKeys(IReadOnlySet<string> Quantities, IReadOnlyDictionary<string, IReadOnlyList<string>> Choices, IReadOnlySet<string> Factors)
{
    /// <summary>The keys of <paramref name="regulation"/>; none when there is none.</summary>
    public static SiteKeys Of(Regulation? regulation)
    {
        var tables = regulation?.Factors.SelectMany(f => f.Tables).ToList() ?? [];
        var quantities = tables.Where(t => t.IsBanded).Select(t => t.Input).Append(regulation?.BandInput).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var choices = tables.Where(t => !t.IsBanded).GroupBy(t => t.Input, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, IReadOnlyList<string> (g) => [.. g.SelectMany(t => t.Choices).Select(c => c.Code).Distinct(StringComparer.Ordinal)], StringComparer.Ordinal);
        var factors = (regulation?.Factors.Select(f => f.Name) ?? []).Concat(regulation?.FormulaFactors ?? []).ToHashSet(StringComparer.Ordinal);
        return new(quantities, choices, factors);
    }
}
