namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// The shape of a regulation file (<c>Data/*.json</c>). Every field is optional here so that
/// <see cref="RegulationReader"/> can name what is missing; unknown fields are refused, so a typo
/// cannot silently drop a value.
/// </summary>
internal sealed class RegulationFile
{
    public int Format { get; set; }

    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Medium { get; set; }

    public string? IssuedBy { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }

    public string? Pending { get; set; }

    public string? BandInput { get; set; }

    public List<ColumnEntry>? Columns { get; set; }

    public FormulaEntry? Formula { get; set; }

    public List<FactorEntry>? Factors { get; set; }

    public List<LimitEntry>? Limits { get; set; }

    internal sealed class ColumnEntry
    {
        public string? Code { get; set; }

        public string? Description { get; set; }

        public string? Confidence { get; set; }

        public decimal? ReferenceO2Percent { get; set; }
    }

    internal sealed class FormulaEntry
    {
        public List<string>? Factors { get; set; }

        public string? Confidence { get; set; }
    }

    internal sealed class FactorEntry
    {
        public string? Name { get; set; }

        public string? Description { get; set; }

        public List<TableEntry>? Tables { get; set; }
    }

    internal sealed class TableEntry
    {
        public string? Input { get; set; }

        public string? Description { get; set; }

        public List<BandEntry>? Bands { get; set; }

        public List<ChoiceEntry>? Choices { get; set; }
    }

    /// <summary>A band of a factor table (<c>value</c>) or of a banded limit (<c>min</c>/<c>max</c>).</summary>
    internal sealed class BandEntry
    {
        public decimal? UpTo { get; set; }

        public decimal? Value { get; set; }

        public decimal? Min { get; set; }

        public decimal? Max { get; set; }

        public string? Confidence { get; set; }
    }

    internal sealed class ChoiceEntry
    {
        public string? Code { get; set; }

        public string? Description { get; set; }

        public decimal? Value { get; set; }

        public string? Confidence { get; set; }
    }

    internal sealed class LimitEntry
    {
        public string? Parameter { get; set; }

        public string? Unit { get; set; }

        public bool? Factors { get; set; }

        /// <summary>Column code to value; a JSON <c>null</c> value is still to fill.</summary>
        public Dictionary<string, ValueEntry?>? Columns { get; set; }
    }

    internal sealed class ValueEntry
    {
        public decimal? Min { get; set; }

        public decimal? Max { get; set; }

        public string? Confidence { get; set; }

        public List<BandEntry>? Bands { get; set; }
    }
}
