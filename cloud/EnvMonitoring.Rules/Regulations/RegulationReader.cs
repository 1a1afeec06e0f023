using System.Text.Json;
using EnvMonitoring.Protocol.Catalog;
using static EnvMonitoring.Rules.Regulations.RegulationFile;

namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// Turns a regulation file into a <see cref="Regulation"/>, refusing anything ambiguous with a
/// message that names the place: a wrong value in a legal limit must never load silently.
/// </summary>
internal static class RegulationReader
{
    public const int SupportedFormat = 1;

    public static Regulation Read(Stream json, ParameterCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(catalog);
        RegulationFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, RegulationJsonContext.Default.RegulationFile);
        }
        catch (JsonException e)
        {
            throw new RegulationException($"The regulation file is not valid: {e.Message}", e);
        }

        if (file is null)
        {
            throw new RegulationException("The regulation file is empty.");
        }

        var id = Text(file.Id, "id", "The regulation file");
        var where = $"Regulation '{id}'";
        if (file.Format != SupportedFormat)
        {
            throw new RegulationException($"{where}: format {file.Format} is not supported (expected {SupportedFormat}).");
        }

        var medium = ReadMedium(file.Medium, where);
        var columns = ReadColumns(file.Columns, where);
        var factors = RegulationFactorReader.ReadFactors(file.Factors, where);
        var (formulaFactors, formulaConfidence) = ReadFormula(file.Formula, factors, where);
        var limits = RegulationLimitReader.ReadLimits(file.Limits, catalog, medium, columns, formulaFactors.Count > 0, file.BandInput, where);
        var regulation = new Regulation(
            id,
            Text(file.Title, "title", where),
            medium,
            Text(file.IssuedBy, "issuedBy", where),
            Text(file.Source, "source", where),
            string.IsNullOrWhiteSpace(file.Note) ? null : file.Note,
            string.IsNullOrWhiteSpace(file.Pending) ? null : file.Pending,
            string.IsNullOrWhiteSpace(file.BandInput) ? null : file.BandInput,
            columns,
            formulaFactors,
            formulaConfidence,
            factors,
            limits);
        if (regulation.HasPendingValues && regulation.PendingNote is null)
        {
            throw new RegulationException($"{where}: some values are null (still to fill) but 'pending' does not say where they will come from.");
        }

        if (!regulation.HasPendingValues && regulation.PendingNote is not null)
        {
            throw new RegulationException($"{where}: every value is filled; remove 'pending'.");
        }

        return regulation;
    }

    internal static string Text(string? value, string field, string where) =>
        string.IsNullOrWhiteSpace(value) ? throw new RegulationException($"{where}: '{field}' is missing.") : value.Trim();

    internal static Confidence Mark(string? mark, string where) =>
        ConfidenceMarks.TryParse(mark, out var confidence)
            ? confidence
            : throw new RegulationException($"{where}: confidence '{mark}' must be C (read in a source), L (likely) or U (uncertain).");

    internal static decimal? Positive(decimal? value, string field, string where) =>
        value is { } v && v <= 0 ? throw new RegulationException($"{where}: '{field}' must be above zero, not {v}.") : value;

    private static Medium ReadMedium(string? medium, string where) => medium switch
    {
        "water" => Medium.Water,
        "air" => Medium.Air,
        _ => throw new RegulationException($"{where}: medium '{medium}' must be 'water' or 'air'."),
    };

    private static List<RegulationColumn> ReadColumns(List<ColumnEntry>? entries, string where)
    {
        if (entries is not { Count: > 0 })
        {
            throw new RegulationException($"{where}: 'columns' lists no column.");
        }

        var columns = new List<RegulationColumn>(entries.Count);
        foreach (var entry in entries)
        {
            var code = Text(entry.Code, "columns[].code", where);
            if (columns.Any(c => c.Code == code))
            {
                throw new RegulationException($"{where}: column '{code}' is listed twice.");
            }

            var at = $"{where}, column {code}";
            columns.Add(new RegulationColumn(
                code,
                Text(entry.Description, "description", at),
                Mark(entry.Confidence, at),
                Positive(entry.ReferenceO2Percent, "referenceO2Percent", at)));
        }

        return columns;
    }

    private static (List<string> Factors, Confidence Confidence) ReadFormula(FormulaEntry? formula, List<RegulationFactor> factors, string where)
    {
        if (formula?.Factors is not { } names)
        {
            throw new RegulationException($"{where}: 'formula.factors' is missing (write [] when limits take no coefficient).");
        }

        foreach (var name in names)
        {
            if (!factors.Any(f => f.Name == name))
            {
                throw new RegulationException($"{where}: the formula uses factor '{name}', which 'factors' does not define.");
            }
        }

        foreach (var factor in factors)
        {
            if (!names.Contains(factor.Name))
            {
                throw new RegulationException($"{where}: factor '{factor.Name}' is defined but not used by the formula.");
            }
        }

        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw new RegulationException($"{where}: the formula lists a factor twice.");
        }

        return (names, Mark(formula.Confidence, $"{where}, formula"));
    }
}
