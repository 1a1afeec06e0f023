namespace EnvMonitoring.Cloud.History;

/// <summary>The aggregate functions of the history API, over valid readings only (status 0, plausible).</summary>
[Flags]
internal enum HistoryFunctions
{
    None = 0,
    Mean = 1,
    Min = 2,
    Max = 4,
    Count = 8,
}

internal static class HistoryFunctionNames
{
    public static readonly IReadOnlyList<(string Name, HistoryFunctions Function)> All =
        [("mean", HistoryFunctions.Mean), ("min", HistoryFunctions.Min), ("max", HistoryFunctions.Max), ("count", HistoryFunctions.Count)];
}
