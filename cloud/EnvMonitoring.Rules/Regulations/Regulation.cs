using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// A regulation's limit table as data (DOMAIN.md "Limits"): its columns, its formula's
/// coefficients and their tables, and per-parameter values, each with a confidence mark. Files
/// for regulations whose values are not yet known carry the structure and a <see cref="PendingNote"/>;
/// a station can reference such a regulation only once the values it needs are loaded.
/// </summary>
public sealed class Regulation
{
    internal Regulation(
        string id,
        string title,
        Medium medium,
        string issuedBy,
        string source,
        string? note,
        string? pendingNote,
        string? bandInput,
        IReadOnlyList<RegulationColumn> columns,
        IReadOnlyList<string> formulaFactors,
        Confidence formulaConfidence,
        IReadOnlyList<RegulationFactor> factors,
        IReadOnlyList<RegulationLimit> limits)
    {
        Id = id;
        Title = title;
        Medium = medium;
        IssuedBy = issuedBy;
        Source = source;
        Note = note;
        PendingNote = pendingNote;
        BandInput = bandInput;
        Columns = columns;
        FormulaFactors = formulaFactors;
        FormulaConfidence = formulaConfidence;
        Factors = factors;
        Limits = limits;
    }

    /// <summary>The regulation's code as stations reference it, e.g. <c>QCVN 40:2011/BTNMT</c>.</summary>
    public string Id { get; }

    public string Title { get; }

    public Medium Medium { get; }

    /// <summary>The legal instrument that issued it, e.g. <c>Circular 47/2011/TT-BTNMT</c>.</summary>
    public string IssuedBy { get; }

    /// <summary>Where the values in this file were read.</summary>
    public string Source { get; }

    public string? Note { get; }

    /// <summary>What is still to fill and from where; null when every value is present.</summary>
    public string? PendingNote { get; }

    /// <summary>The station input banded limits depend on (e.g. <c>dischargeM3PerDay</c>); null when no limit is banded.</summary>
    public string? BandInput { get; }

    public IReadOnlyList<RegulationColumn> Columns { get; }

    /// <summary>The coefficients multiplied into limits that take them (Cmax = C × Kq × Kf).</summary>
    public IReadOnlyList<string> FormulaFactors { get; }

    public Confidence FormulaConfidence { get; }

    public IReadOnlyList<RegulationFactor> Factors { get; }

    public IReadOnlyList<RegulationLimit> Limits { get; }

    /// <summary>True when some value is still to fill (see <see cref="PendingNote"/>).</summary>
    public bool HasPendingValues =>
        Limits.Any(l => l.Columns.Values.Any(v => v is null || v.Bands.Any(b => b.IsPending))) ||
        Factors.Any(f => f.Tables.Any(t => t.Bands.Any(b => b.Value is null) || t.Choices.Any(c => c.Value is null)));

    public RegulationColumn? FindColumn(string code) => Columns.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));

    public RegulationFactor? FindFactor(string name) => Factors.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    public RegulationLimit? FindLimit(string parameterCode) =>
        Limits.FirstOrDefault(l => string.Equals(l.Parameter.Code, parameterCode, StringComparison.Ordinal));

    /// <summary>Reads and validates a regulation file; throws <see cref="RegulationException"/> naming the first problem.</summary>
    public static Regulation Load(Stream json, ParameterCatalog? catalog = null) => RegulationReader.Read(json, catalog ?? ParameterCatalog.Default);

    /// <inheritdoc cref="Load(Stream, ParameterCatalog?)"/>
    public static Regulation Parse(string json, ParameterCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return Load(stream, catalog);
    }

    public override string ToString() => Id;
}
