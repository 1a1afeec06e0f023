namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// A limit value, possibly one band of a limit banded by an input (QCVN 40:2025 bands limits by
/// discharge volume): applies above the previous band's <see cref="UpTo"/> and up to this one
/// (<c>null</c>: unbounded). <see cref="Min"/> is set for ranges (pH); a band with neither bound is still to fill.
/// </summary>
public sealed record LimitBand(decimal? UpTo, decimal? Min, decimal? Max, Confidence Confidence)
{
    public bool IsPending => Min is null && Max is null;
}
