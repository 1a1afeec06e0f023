namespace EnvMonitoring.Rules.Engine;

/// <summary>A parameter's valid records of one legal local day, and whether that day has been judged.</summary>
internal struct DayTotals
{
    public long Day;
    public MeanAccumulator Totals;
    public bool Judged;
}
