namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>One target of the ingestion issue held against one figure of this run.</summary>
internal sealed record TargetCheck(string Scenario, string Target, double? Figure, string Unit, double Threshold, bool AtLeast)
{
    /// <summary>PASS, MISS, or n/a when the figure could not be measured in this run (e.g. (a) was not run).</summary>
    public string Status => Figure is not { } figure ? "n/a" : (AtLeast ? figure >= Threshold : figure <= Threshold) ? "PASS" : "MISS";

    /// <summary>The ingestion issue's targets (benchmark, not timed tests) for the results at hand.</summary>
    public static List<TargetCheck> For(IReadOnlyList<ScenarioResult> results)
    {
        var raw = results.FirstOrDefault(r => r.Id == RawCeilingScenario.Id);
        var checks = new List<TargetCheck>();
        foreach (var result in results)
        {
            var ratio = raw is null ? (double?)null : result.ValuesPerSecond / raw.ValuesPerSecond * 100;
            switch (result.Id)
            {
                case GatewayScenario.Id:
                    checks.Add(new TargetCheck(result.Id, "throughput >= 60% of (a)", ratio, "%", 60, AtLeast: true));
                    break;
                case StationScenario.Id:
                    checks.Add(new TargetCheck(result.Id, "throughput >= 15% of (a)", ratio, "%", 15, AtLeast: true));
                    break;
                default:
                    continue;
            }

            checks.Add(new TargetCheck(result.Id, "cloud host peak RSS <= 300 MB", result.PeakRssMegabytes, "MB", 300, AtLeast: false));
        }

        return checks;
    }
}
