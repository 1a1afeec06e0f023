using System.Globalization;
using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// How a coefficient follows from one input a station declares: by <see cref="Bands"/> of a
/// quantity (Kf by discharge in m³/24 h) or by <see cref="Choices"/> of a category (Kv by zone).
/// </summary>
public sealed class FactorTable
{
    internal FactorTable(string input, string description, IReadOnlyList<FactorBand> bands, IReadOnlyList<FactorChoice> choices)
    {
        Input = input;
        Description = description;
        Bands = bands;
        Choices = choices;
    }

    /// <summary>The <see cref="SiteInputs"/> name this table reads, e.g. <c>dischargeM3PerDay</c>.</summary>
    public string Input { get; }

    public string Description { get; }

    public IReadOnlyList<FactorBand> Bands { get; }

    public IReadOnlyList<FactorChoice> Choices { get; }

    public bool IsBanded => Bands.Count > 0;

    internal bool Accepts(SiteInputs site) =>
        IsBanded ? site.TryGetQuantity(Input, out _) : site.TryGetChoice(Input, out _);

    /// <summary>The coefficient for the station's input, or null when the file has no value yet.</summary>
    internal (decimal? Value, Confidence Confidence, string Basis) Look(SiteInputs site, string factor)
    {
        if (IsBanded)
        {
            site.TryGetQuantity(Input, out var quantity);
            var lower = (decimal?)null;
            foreach (var band in Bands)
            {
                if (band.UpTo is not { } upTo || quantity <= upTo)
                {
                    var range = (lower, band.UpTo) switch
                    {
                        (null, { } u) => string.Create(CultureInfo.InvariantCulture, $"≤ {u}"),
                        ({ } l, null) => string.Create(CultureInfo.InvariantCulture, $"> {l}"),
                        ({ } l, { } u) => string.Create(CultureInfo.InvariantCulture, $"{l}–{u}"),
                        _ => "any",
                    };
                    return (band.Value, band.Confidence, string.Create(CultureInfo.InvariantCulture, $"{Input} {quantity} in {range}"));
                }

                lower = band.UpTo;
            }

            throw new RegulationException($"Factor {factor}: no band of '{Input}' covers {quantity}.");
        }

        site.TryGetChoice(Input, out var code);
        foreach (var choice in Choices)
        {
            if (string.Equals(choice.Code, code, StringComparison.Ordinal))
            {
                return (choice.Value, choice.Confidence, $"{Input} {code}");
            }
        }

        throw new RegulationException(
            $"Factor {factor}: '{code}' is not a known {Input}; expected one of {string.Join(", ", Choices.Select(c => c.Code))}.");
    }
}
