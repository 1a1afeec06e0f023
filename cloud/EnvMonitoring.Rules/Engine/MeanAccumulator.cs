namespace EnvMonitoring.Rules.Engine;

/// <summary>
/// Running sums for a mean over a set of valid records: the plain mean, and the flow-weighted one
/// (Σ c·q / Σ q) over the records that came with a flow. Subtracting what was added keeps it exact
/// enough; when the set empties it is reset to zero so rounding cannot accumulate.
/// </summary>
internal struct MeanAccumulator
{
    public double Sum;
    public double WeightedSum;
    public double FlowSum;
    public int Count;
    public int FlowCount;

    /// <summary>Adds one valid record; <paramref name="flow"/> is the flow measured with it, NaN when none.</summary>
    public void Add(double value, double flow)
    {
        Sum += value;
        Count++;
        if (!double.IsNaN(flow))
        {
            WeightedSum += value * flow;
            FlowSum += flow;
            FlowCount++;
        }
    }

    public void Add(in MeanAccumulator other)
    {
        Sum += other.Sum;
        WeightedSum += other.WeightedSum;
        FlowSum += other.FlowSum;
        Count += other.Count;
        FlowCount += other.FlowCount;
    }

    public void Subtract(in MeanAccumulator other)
    {
        Count -= other.Count;
        FlowCount -= other.FlowCount;
        if (Count <= 0)
        {
            this = default;
            return;
        }

        Sum -= other.Sum;
        WeightedSum -= other.WeightedSum;
        FlowSum -= other.FlowSum;
        if (FlowCount <= 0)
        {
            (WeightedSum, FlowSum, FlowCount) = (0, 0, 0);
        }
    }

    /// <summary>
    /// The mean when enough records count: flow-weighted when the records with a flow alone reach
    /// <paramref name="minCount"/> and some flow was discharged, else the plain mean of all valid records.
    /// </summary>
    public readonly bool TryMean(double minCount, out double mean)
    {
        if (FlowCount >= minCount && FlowSum > 0)
        {
            mean = WeightedSum / FlowSum;
            return true;
        }

        mean = Count > 0 ? Sum / Count : double.NaN;
        return Count >= minCount;
    }
}
