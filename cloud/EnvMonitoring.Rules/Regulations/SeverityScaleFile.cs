namespace EnvMonitoring.Rules.Regulations;

/// <summary>The shape of <c>decree45-2022.json</c>: the lower bounds of the penalty tiers by exceedance multiple.</summary>
internal sealed class SeverityScaleFile
{
    public int Format { get; set; }

    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }

    public List<TierEntry>? Tiers { get; set; }

    internal sealed class TierEntry
    {
        public decimal? From { get; set; }

        public string? Confidence { get; set; }
    }
}
