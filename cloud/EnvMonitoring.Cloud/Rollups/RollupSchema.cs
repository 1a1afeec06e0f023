namespace EnvMonitoring.Cloud.Rollups;

/// <summary>
/// How rollups are stored (docs/storage.md): measurements <c>rollup_1h</c> (at each UTC hour) and
/// <c>rollup_1d</c> (at each local midnight, 17:00 UTC) in the rollup retention policy, tagged
/// like samples; per parameter code the valid readings' <c>_mean</c>, <c>_min</c>, <c>_max</c>
/// (only when <c>_count</c> &gt; 0) and the integers <c>_count</c> (valid readings), <c>_cal</c>
/// (calibrating), <c>_fault</c> (device fault), <c>_invalid</c> (implausible). Readers trust <c>_count</c>: a
/// recomputed window that lost its valid readings keeps stale mean fields beside <c>_count=0</c>.
/// </summary>
internal static class RollupSchema
{
    public const string Hourly = "rollup_1h";
    public const string Daily = "rollup_1d";

    public static readonly IReadOnlyList<string> Suffixes = ["_mean", "_min", "_max", "_count", "_cal", "_fault", "_invalid"];
}
