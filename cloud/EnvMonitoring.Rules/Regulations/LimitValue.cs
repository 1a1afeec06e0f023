using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// A parameter's limit in one column: a single band (<see cref="LimitBand.UpTo"/> null) or bands
/// of the regulation's band input (QCVN 40:2025: discharge volume).
/// </summary>
public sealed class LimitValue
{
    internal LimitValue(IReadOnlyList<LimitBand> bands) => Bands = bands;

    public IReadOnlyList<LimitBand> Bands { get; }

    public bool IsBanded => Bands.Count > 1 || Bands[0].UpTo is not null;

    internal LimitBand Select(Regulation regulation, SiteInputs site, string parameter)
    {
        if (!IsBanded)
        {
            return Bands[0];
        }

        var input = regulation.BandInput!;
        if (!site.TryGetQuantity(input, out var quantity))
        {
            throw new RegulationException($"{regulation.Id}: the limit of {parameter} depends on the station input {input}, which the station does not declare.");
        }

        foreach (var band in Bands)
        {
            if (band.UpTo is not { } upTo || quantity <= upTo)
            {
                return band;
            }
        }

        throw new RegulationException($"{regulation.Id}: no band of {parameter} covers {input} {quantity}.");
    }
}
