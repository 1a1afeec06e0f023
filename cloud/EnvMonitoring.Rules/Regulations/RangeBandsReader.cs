using EnvMonitoring.Protocol.Codec;
using EnvMonitoring.Rules.Alerts;
using static EnvMonitoring.Rules.Regulations.SeverityScaleFile;

namespace EnvMonitoring.Rules.Regulations;

/// <summary>Reads the <c>rangeBands</c> of a severity scale file, refusing anything ambiguous with a message naming the place.</summary>
internal static class RangeBandsReader
{
    public static List<RangeBands> Read(List<RangeBandsEntry>? entries, string where)
    {
        var result = new List<RangeBands>();
        foreach (var (entry, i) in (entries ?? []).Select((e, i) => (e, i)))
        {
            var parameter = RegulationReader.Text(entry.Parameter, "parameter", $"{where}, rangeBands {i + 1}");
            var place = $"{where}, rangeBands of {parameter}";
            if (result.Any(r => r.Parameter == parameter))
            {
                throw new RegulationException($"{place}: listed twice.");
            }

            if (entry.Bands is not { Count: > 0 } bands)
            {
                throw new RegulationException($"{place}: 'bands' must list at least one band.");
            }

            var read = new List<RangeBand>();
            for (var n = 0; n < bands.Count; n++)
            {
                read.Add(Band(bands[n], n, bands.Count, read.LastOrDefault(), $"{place}, band {n + 1}"));
            }

            result.Add(new RangeBands(parameter, RegulationReader.Text(entry.Source, "source", place), string.IsNullOrWhiteSpace(entry.Note) ? null : entry.Note, read));
        }

        return result;
    }

    private static RangeBand Band(RangeBandEntry band, int index, int count, RangeBand? previous, string where)
    {
        var last = index == count - 1;
        if (last != (band.LowerFrom is null) || last != (band.UpperBelow is null))
        {
            throw new RegulationException($"{where}: only the last band is open; it has no 'lowerFrom' or 'upperBelow', every other band has both.");
        }

        if (previous is not null && (band.LowerFrom >= previous.LowerFrom || band.UpperBelow <= previous.UpperBelow))
        {
            throw new RegulationException($"{where}: each band lies further out than the one before ('lowerFrom' falls, 'upperBelow' rises).");
        }

        if (!WireName.TryParse<Severity>(band.Severity, out var severity) || severity < Severity.Warning)
        {
            throw new RegulationException($"{where}: 'severity' must be one of warning, from1point1 … from10, not '{band.Severity}'.");
        }

        if (previous is not null && severity < previous.Severity)
        {
            throw new RegulationException($"{where}: a band further out cannot have a lower severity than the one before.");
        }

        return new RangeBand(index + 1, band.LowerFrom, band.UpperBelow, severity, RegulationReader.Mark(band.Confidence, where));
    }
}
