using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Cloud.Live;

/// <summary>
/// One limit of a station: its bounds, where they come from (<see cref="Source"/> in English words,
/// <see cref="Terms"/> in parts for the dashboard to say in its language), and whether a source is still to verify.
/// </summary>
internal sealed record LimitView(string Parameter, string Unit, double? Min, double? Max, string Source, bool ToVerify, LimitTermsView? Terms)
{
    public static LimitView Of(ParameterLimit limit) => new(
        limit.Parameter.Code, limit.Parameter.Unit, limit.Min, limit.Max, limit.Basis, limit.ToVerify,
        limit.Terms is { } terms
            ? new LimitTermsView(terms.Regulation, terms.Column, terms.Permit, terms.Min, terms.Max,
                terms.Factors.Select(f => new FactorView(f.Name, f.Value, f.Input, f.Quantity, f.Choice, SiteInputWords.Of(f.Input, f.Choice))).ToList())
            : null);
}

/// <summary>A limit's regulation and column (or permit), the column's bounds and the coefficients applied, in order.</summary>
internal sealed record LimitTermsView(string? Regulation, string? Column, string? Permit, decimal? Min, decimal? Max, IReadOnlyList<FactorView> Factors);

/// <summary>
/// One coefficient: its value and the station input that chose it (none: declared by the authority),
/// with that input's words in both languages (<see cref="SiteInputWords"/>; null for an input they do not know).
/// </summary>
internal sealed record FactorView(string Name, decimal Value, string? Input, decimal? Quantity, string? Choice, InputWords? Words);
