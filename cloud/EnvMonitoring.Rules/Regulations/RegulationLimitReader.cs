using EnvMonitoring.Protocol.Catalog;
using static EnvMonitoring.Rules.Regulations.RegulationFile;
using static EnvMonitoring.Rules.Regulations.RegulationReader;

namespace EnvMonitoring.Rules.Regulations;

/// <summary>Reads the per-parameter limit rows of a regulation file and checks them against the parameter catalog.</summary>
internal static class RegulationLimitReader
{
    public static List<RegulationLimit> ReadLimits(
        List<LimitEntry>? entries, ParameterCatalog catalog, Medium medium, List<RegulationColumn> columns, bool hasFormula, string? bandInput, string where)
    {
        if (entries is not { Count: > 0 })
        {
            throw new RegulationException($"{where}: 'limits' lists no parameter.");
        }

        var limits = new List<RegulationLimit>(entries.Count);
        var banded = false;
        foreach (var entry in entries)
        {
            var code = Text(entry.Parameter, "limits[].parameter", where);
            var at = $"{where}, {code}";
            if (!catalog.TryGet(code, out var parameter))
            {
                throw new RegulationException($"{at}: '{code}' is not in the parameter catalog (codes are case-sensitive).");
            }

            if (limits.Any(l => l.Parameter == parameter))
            {
                throw new RegulationException($"{at}: the parameter is listed twice.");
            }

            if (parameter.Medium != medium)
            {
                throw new RegulationException($"{at}: the parameter is measured in {parameter.Medium}, the regulation is for {medium}.");
            }

            var unit = Text(entry.Unit, "unit", at);
            if (!string.Equals(unit, parameter.Unit, StringComparison.Ordinal))
            {
                throw new RegulationException($"{at}: unit '{unit}' differs from the catalog's canonical unit '{parameter.Unit}'; convert the values.");
            }

            var appliesFactors = entry.Factors ?? throw new RegulationException($"{at}: 'factors' (true or false) is missing.");
            if (appliesFactors && !hasFormula)
            {
                throw new RegulationException($"{at}: 'factors' is true but the formula has no factor.");
            }

            var values = new Dictionary<string, LimitValue?>(StringComparer.Ordinal);
            foreach (var column in columns)
            {
                if (entry.Columns is null || !entry.Columns.TryGetValue(column.Code, out var value))
                {
                    throw new RegulationException($"{at}: column {column.Code} is missing (write null for a value still to fill).");
                }

                values[column.Code] = value is null ? null : ReadValue(value, appliesFactors, $"{at}, column {column.Code}");
                banded |= values[column.Code]?.IsBanded == true;
            }

            if (entry.Columns!.Keys.FirstOrDefault(k => columns.All(c => c.Code != k)) is { } unknown)
            {
                throw new RegulationException($"{at}: column '{unknown}' is not one of the regulation's columns.");
            }

            limits.Add(new RegulationLimit(parameter, unit, appliesFactors, values));
        }

        if (banded && string.IsNullOrWhiteSpace(bandInput))
        {
            throw new RegulationException($"{where}: some limits have bands but 'bandInput' does not say which station input they depend on.");
        }

        return limits;
    }

    private static LimitValue ReadValue(ValueEntry entry, bool appliesFactors, string where)
    {
        if (entry.Bands is { Count: > 0 } bands)
        {
            if (entry.Min is not null || entry.Max is not null || entry.Confidence is not null)
            {
                throw new RegulationException($"{where}: give either 'bands' or 'min'/'max'/'confidence', not both.");
            }

            if (bands.Any(b => b.Value is not null))
            {
                throw new RegulationException($"{where}: a limit band has 'min'/'max', not 'value'.");
            }

            var read = bands.Select(b => ReadBand(b.UpTo, b.Min, b.Max, b.Confidence, appliesFactors, where, allowPending: true)).ToList();

            RegulationFactorReader.CheckBandEdges(read.Select(b => b.UpTo).ToList(), where);
            return new LimitValue(read);
        }

        return new LimitValue([ReadBand(null, entry.Min, entry.Max, entry.Confidence, appliesFactors, where, allowPending: false)]);
    }

    private static LimitBand ReadBand(decimal? upTo, decimal? min, decimal? max, string? confidence, bool appliesFactors, string where, bool allowPending)
    {
        if (min is null && max is null)
        {
            return allowPending
                ? new LimitBand(upTo, null, null, Confidence.Uncertain)
                : throw new RegulationException($"{where}: the value has neither 'min' nor 'max' (write null for a value still to fill).");
        }

        if (min is { } low && max is { } high && low >= high)
        {
            throw new RegulationException($"{where}: 'min' {low} must be below 'max' {high}.");
        }

        if (min is not null && appliesFactors)
        {
            throw new RegulationException($"{where}: a lower bound cannot take the formula's coefficients; set 'factors' to false.");
        }

        return new LimitBand(upTo, min, Positive(max, "max", where), Mark(confidence, where));
    }
}
