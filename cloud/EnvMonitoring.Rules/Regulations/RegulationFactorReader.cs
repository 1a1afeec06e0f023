using static EnvMonitoring.Rules.Regulations.RegulationFile;
using static EnvMonitoring.Rules.Regulations.RegulationReader;

namespace EnvMonitoring.Rules.Regulations;

/// <summary>Reads the coefficient tables of a regulation file (Kq, Kf, Kp, Kv).</summary>
internal static class RegulationFactorReader
{
    public static List<RegulationFactor> ReadFactors(List<FactorEntry>? entries, string where)
    {
        var factors = new List<RegulationFactor>();
        foreach (var entry in entries ?? [])
        {
            var name = Text(entry.Name, "factors[].name", where);
            if (factors.Any(f => f.Name == name))
            {
                throw new RegulationException($"{where}: factor '{name}' is defined twice.");
            }

            var at = $"{where}, factor {name}";
            if (entry.Tables is not { Count: > 0 } tables)
            {
                throw new RegulationException($"{at}: 'tables' lists no table.");
            }

            var read = tables.Select(t => ReadTable(t, at)).ToList();
            if (read.Select(t => t.Input).Distinct(StringComparer.Ordinal).Count() != read.Count)
            {
                throw new RegulationException($"{at}: two tables read the same input.");
            }

            factors.Add(new RegulationFactor(name, entry.Description?.Trim() ?? "", read));
        }

        return factors;
    }

    private static FactorTable ReadTable(TableEntry entry, string where)
    {
        var input = Text(entry.Input, "tables[].input", where);
        var at = $"{where}, table {input}";
        var hasBands = entry.Bands is { Count: > 0 };
        var hasChoices = entry.Choices is { Count: > 0 };
        if (hasBands == hasChoices)
        {
            throw new RegulationException($"{at}: give either 'bands' or 'choices'.");
        }

        if (hasChoices)
        {
            var choices = new List<FactorChoice>();
            foreach (var choice in entry.Choices!)
            {
                var code = Text(choice.Code, "choices[].code", at);
                if (choices.Any(c => c.Code == code))
                {
                    throw new RegulationException($"{at}: choice '{code}' is listed twice.");
                }

                choices.Add(new FactorChoice(code, choice.Description?.Trim() ?? "", Positive(choice.Value, "value", $"{at}, {code}"), Mark(choice.Confidence, $"{at}, {code}")));
            }

            return new FactorTable(input, entry.Description?.Trim() ?? "", [], choices);
        }

        var bands = new List<FactorBand>();
        foreach (var band in entry.Bands!)
        {
            if (band.Min is not null || band.Max is not null)
            {
                throw new RegulationException($"{at}: a factor band has a 'value', not 'min'/'max'.");
            }

            bands.Add(new FactorBand(band.UpTo, Positive(band.Value, "value", at), Mark(band.Confidence, at)));
        }

        CheckBandEdges(bands.Select(b => b.UpTo).ToList(), at);
        return new FactorTable(input, entry.Description?.Trim() ?? "", bands, []);
    }

    /// <summary>Upper edges must rise strictly and only the last band is open-ended (null), so every input falls in exactly one band.</summary>
    internal static void CheckBandEdges(List<decimal?> edges, string where)
    {
        for (var i = 0; i < edges.Count; i++)
        {
            var last = i == edges.Count - 1;
            if (edges[i] is null != last)
            {
                throw new RegulationException($"{where}: only the last band is open-ended ('upTo': null), and it must be.");
            }

            if (i > 0 && edges[i] is { } edge && edge <= edges[i - 1]!.Value)
            {
                throw new RegulationException($"{where}: band edges must rise ({edges[i - 1]} then {edge}).");
            }
        }
    }
}
