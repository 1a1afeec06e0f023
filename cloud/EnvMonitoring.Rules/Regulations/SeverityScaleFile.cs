namespace EnvMonitoring.Rules.Regulations;

/// <summary>The shape of <c>decree45-2022.json</c>: the lower bounds of the penalty tiers by exceedance multiple, and the bands by value of range limits (pH).</summary>
internal sealed class SeverityScaleFile
{
    public int Format { get; set; }

    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }

    public List<TierEntry>? Tiers { get; set; }

    public List<RangeBandsEntry>? RangeBands { get; set; }

    internal sealed class TierEntry
    {
        public decimal? From { get; set; }

        public string? Confidence { get; set; }
    }

    internal sealed class RangeBandsEntry
    {
        public string? Parameter { get; set; }

        public string? Source { get; set; }

        public string? Note { get; set; }

        public List<RangeBandEntry>? Bands { get; set; }
    }

    internal sealed class RangeBandEntry
    {
        public decimal? LowerFrom { get; set; }

        public decimal? UpperBelow { get; set; }

        public string? Severity { get; set; }

        public string? Confidence { get; set; }
    }
}
