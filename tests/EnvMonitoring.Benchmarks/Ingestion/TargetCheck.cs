namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// One target of the ingestion issue held against one figure of this run; a figure with no
/// <see cref="Threshold"/> is reported only.
/// </summary>
internal sealed record TargetCheck(string Scenario, string Target, double? Figure, string Unit, double? Threshold, bool AtLeast)
{
    /// <summary>What <see cref="ProtectionCost"/> may reach for (b): the protections take at most this share of (b-plain)'s values/s.</summary>
    public const double MaxGatewayProtectionCost = 15;

    /// <summary>What sealing may cost (b): at most this share of (b-unsealed)'s values/s (issue #17).</summary>
    public const double MaxSealingCost = 5;

    /// <summary>
    /// What sealing cost (b), in percent of (b-unsealed)'s values/s ((1 − b/b-unsealed) × 100; negative
    /// when (b) happened to be faster); null when either was not run.
    /// </summary>
    public static double? SealingCost(IReadOnlyList<ScenarioResult> results) =>
        results.FirstOrDefault(r => r.Id == GatewayScenario.Id) is { } sealedRun && results.FirstOrDefault(r => r.Id == GatewayScenario.UnsealedId) is { } unsealed
            ? (1 - (sealedRun.ValuesPerSecond / unsealed.ValuesPerSecond)) * 100
            : null;

    /// <summary>The host CPU seconds per million values sealing added to (b), in percent of (b-unsealed)'s; null when either was not run.</summary>
    public static double? SealingCpuCost(IReadOnlyList<ScenarioResult> results) =>
        results.FirstOrDefault(r => r.Id == GatewayScenario.Id) is { } sealedRun && results.FirstOrDefault(r => r.Id == GatewayScenario.UnsealedId) is { } unsealed
            ? ((sealedRun.CpuSecondsPerMillionValues / unsealed.CpuSecondsPerMillionValues) - 1) * 100
            : null;

    /// <summary>
    /// PASS, MISS, "info" for a figure reported without a target, or n/a when the figure could not
    /// be measured in this run (e.g. (a) was not run).
    /// </summary>
    public string Status => Figure is not { } figure ? "n/a"
        : Threshold is not { } threshold ? "info"
        : (AtLeast ? figure >= threshold : figure <= threshold) ? "PASS" : "MISS";

    /// <summary>
    /// What the protections cost a shipped run, in percent of its plaintext run's values/s
    /// ((1 − shipped/plain) × 100; negative when the shipped run happened to be faster); null when
    /// either was not run.
    /// </summary>
    public static double? ProtectionCost(IReadOnlyList<ScenarioResult> results, string shipped)
    {
        var plain = PlainOf(shipped);
        return results.FirstOrDefault(r => r.Id == shipped) is { } s && plain is not null && results.FirstOrDefault(r => r.Id == plain) is { } p
            ? (1 - (s.ValuesPerSecond / p.ValuesPerSecond)) * 100
            : null;
    }

    /// <summary>
    /// (d)'s values/s through the cluster in percent of (c)'s through one host (issue #20); null when
    /// either was not run.
    /// </summary>
    public static double? ClusterRatio(IReadOnlyList<ScenarioResult> results) =>
        results.FirstOrDefault(r => r.Id == StationScenario.ClusterId) is { } cluster && results.FirstOrDefault(r => r.Id == StationScenario.Id) is { } single
            ? cluster.ValuesPerSecond / single.ValuesPerSecond * 100
            : null;

    /// <summary>The plaintext run a shipped run is compared with, or null.</summary>
    public static string? PlainOf(string shipped) => shipped switch
    {
        GatewayScenario.Id => GatewayScenario.PlainId,
        StationScenario.Id => StationScenario.PlainId,
        _ => null,
    };

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
                    checks.Add(new TargetCheck(result.Id, $"protections cost <= {MaxGatewayProtectionCost:0}% of ({GatewayScenario.PlainId})", ProtectionCost(results, result.Id), "%", MaxGatewayProtectionCost, AtLeast: false));
                    checks.Add(new TargetCheck(result.Id, $"sealing cost <= {MaxSealingCost:0}% of ({GatewayScenario.UnsealedId})", SealingCost(results), "%", MaxSealingCost, AtLeast: false));
                    checks.Add(new TargetCheck(result.Id, $"sealing's host CPU s/M values vs ({GatewayScenario.UnsealedId})", SealingCpuCost(results), "%", null, AtLeast: false));
                    break;
                case StationScenario.Id:
                    checks.Add(new TargetCheck(result.Id, "throughput >= 15% of (a)", ratio, "%", 15, AtLeast: true));
                    checks.Add(new TargetCheck(result.Id, $"protections cost vs ({StationScenario.PlainId})", ProtectionCost(results, result.Id), "%", null, AtLeast: false));
                    break;
                case StationScenario.ClusterId:
                    // Issue #20 sets no figure: reported beside (c)'s.
                    checks.Add(new TargetCheck(result.Id, $"throughput vs ({StationScenario.Id})", ClusterRatio(results), "%", null, AtLeast: true));
                    checks.Add(new TargetCheck(result.Id, "alert latency p99 (other instance)", result.AlertLatency is { Count: > 0 } alerts ? alerts.P99 : null, "ms", null, AtLeast: false));
                    checks.Add(new TargetCheck(result.Id, "largest instance's peak RSS", result.PeakRssMegabytes, "MB", null, AtLeast: false));
                    continue;
                default:
                    continue;
            }

            checks.Add(new TargetCheck(result.Id, "cloud host peak RSS <= 300 MB", result.PeakRssMegabytes, "MB", 300, AtLeast: false));
        }

        return checks;
    }
}
