using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>The figures of one run: a table for people and the same as JSON for tools.</summary>
/// <param name="settings">The command line.</param>
/// <param name="machine">What ran it.</param>
/// <param name="load">The 1-minute load average at start and end.</param>
/// <param name="results">A run per scenario (with several rounds, its median run).</param>
/// <param name="runs">Every run, in the order made.</param>
/// <param name="error">Why the run stopped early, if it did.</param>
internal sealed class BenchReport(IngestionSettings settings, MachineInfo machine, (double Start, double End) load, IReadOnlyList<ScenarioResult> results, IReadOnlyList<ScenarioResult> runs, string? error)
{
    /// <summary>Fewer rounds than this, and the sealing cost is printed with a word on its noise.</summary>
    private const int MinSealingRounds = 3;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private readonly List<TargetCheck> _targets = TargetCheck.For(results);

    public string Table()
    {
        var raw = results.FirstOrDefault(r => r.Id == RawCeilingScenario.Id);
        var rows = new List<string[]>
        {
            new[] { "scenario", "values/s", "samples/s", "vs (a)", "protections cost", "CPU s/M values", "peak RSS MB", "influxd CPU s", "bench CPU s", "elapsed s", "verified values" },
        };
        foreach (var r in results)
        {
            rows.Add(
            [
                $"({r.Id}) {r.MeasuredProcess}",
                Number(r.ValuesPerSecond, "N0"),
                Number(r.SamplesPerSecond, "N0"),
                raw is null ? "-" : Number(r.ValuesPerSecond / raw.ValuesPerSecond * 100, "0") + "%" + Mark(r.Id, "of (a)"),
                TargetCheck.ProtectionCost(results, r.Id) is { } cost ? Number(cost, "0") + "%" + Mark(r.Id, "protections") : "-",
                Number(r.CpuSecondsPerMillionValues, "0.00"),
                Number(r.PeakRssMegabytes, "0") + Mark(r.Id, "RSS"),
                Number(r.Cpu.Influx, "0.0"),
                Number(r.Cpu.Bench, "0.0"),
                Number(r.Elapsed.TotalSeconds, "0.0"),
                Number(r.VerifiedValues, "N0"),
            ]);
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Ingestion benchmark, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, {machine.Summary}");
        text.AppendLine(CultureInfo.InvariantCulture, $"1-minute load average: {load.Start:0.00} at start, {load.End:0.00} at end (above ~0.5 at start, other work shared the cores)");
        AppendColumns(text, rows);
        text.AppendLine();
        AppendAlertLatency(text);
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"({r.Id}) {r.Name}: {r.Values:N0} values ({r.Samples:N0} samples, {r.Messages:N0} requests/messages); {(r.Id == StationScenario.ClusterId ? "CPU s/M values are the instances' together (mosquitto's not included), peak RSS the largest instance's" : $"CPU s/M values and peak RSS are the {r.MeasuredProcess}'s")}");
        }

        if (settings.Rounds > 1)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{settings.Rounds} rounds: each row is its scenario's run with the median values/s; every run, in order:");
            foreach (var id in settings.Scenarios)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  ({id}) {string.Join("; ", runs.Where(r => r.Id == id).Select(r => $"{Number(r.ValuesPerSecond, "N0")} values/s at {Number(r.CpuSecondsPerMillionValues, "0.00")} CPU s/M"))}");
            }
        }

        text.AppendLine("Targets (ingestion issue, and #20 for (d); reported, never failed on):");
        foreach (var t in _targets)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  ({t.Scenario}) {t.Target,-38} {(t.Figure is { } f ? Number(f, "0") + " " + t.Unit : "-"),8}  {t.Status}");
        }

        if (TargetCheck.SealingCost(results) is not null && settings.Rounds < MinSealingRounds)
        {
            // One pair is mostly InfluxDB's and the machine's noise next to what sealing costs (docs/benchmarks.md, "Sealing's cost").
            text.AppendLine(CultureInfo.InvariantCulture, $"  sealing cost from {settings.Rounds} run(s) of each: single pairs have varied from -21 % to +24 % on 2 cores; --scenario {GatewayScenario.UnsealedId},{GatewayScenario.Id} --rounds 11 (about 17 minutes) for a figure to hold against the target");
        }

        if (error is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"FAILED: {error}");
        }

        return text.ToString();
    }

    public string ToJson()
    {
        var raw = results.FirstOrDefault(r => r.Id == RawCeilingScenario.Id);
        var document = new
        {
            Date = DateTimeOffset.Now,
            Machine = machine,
            LoadAverage = new { load.Start, load.End },
            Settings = new { settings.Scenarios, settings.RawValues, settings.GatewayValues, settings.StationValues, settings.Quick, settings.Rounds },
            Runs = runs.Select(r => new
            {
                r.Id,
                ValuesPerSecond = Math.Round(r.ValuesPerSecond),
                CpuSecondsPerMillionValues = Math.Round(r.CpuSecondsPerMillionValues, 3),
                PeakRssMegabytes = Math.Round(r.PeakRssMegabytes, 1),
                ElapsedSeconds = Math.Round(r.Elapsed.TotalSeconds, 3),
            }),
            Scenarios = results.Select(r => new
            {
                r.Id,
                r.Name,
                r.MeasuredProcess,
                r.Values,
                r.Samples,
                r.Messages,
                ElapsedSeconds = Math.Round(r.Elapsed.TotalSeconds, 3),
                ValuesPerSecond = Math.Round(r.ValuesPerSecond),
                SamplesPerSecond = Math.Round(r.SamplesPerSecond),
                RatioToA = raw is null ? (double?)null : Math.Round(r.ValuesPerSecond / raw.ValuesPerSecond, 4),
                ProtectionCostPercent = TargetCheck.ProtectionCost(results, r.Id) is { } cost ? Math.Round(cost, 1) : (double?)null,
                CpuSeconds = Math.Round(r.Cpu.Measured, 2),
                CpuSecondsPerMillionValues = Math.Round(r.CpuSecondsPerMillionValues, 3),
                PeakRssMegabytes = Math.Round(r.PeakRssMegabytes, 1),
                InfluxdCpuSeconds = Math.Round(r.Cpu.Influx, 2),
                BenchCpuSeconds = Math.Round(r.Cpu.Bench, 2),
                r.VerifiedValues,
                AlertsTimed = r.AlertLatency?.Count,
                AlertLatency = r.AlertLatency is { Count: > 0 } a ? new { a.Count, P50Ms = Math.Round(a.P50, 1), P99Ms = Math.Round(a.P99, 1), MaxMs = Math.Round(a.Max, 1), HostCores = Math.Round(a.HostCores, 2) } : null,
                r.Details,
            }),
            Targets = _targets.Select(t => new { t.Scenario, t.Target, Figure = t.Figure is { } f ? Math.Round(f, 1) : (double?)null, t.Unit, t.Threshold, t.Status }),
            Error = error,
        };
        return JsonSerializer.Serialize(document, Json);
    }

    /// <summary>The station-style runs' alert latency (<see cref="AlertProbe"/>), one row per run that timed it.</summary>
    private void AppendAlertLatency(StringBuilder text)
    {
        var timed = results.Where(r => r.AlertLatency is not null).ToList();
        if (timed.Count == 0)
        {
            return;
        }

        var probes = AlertProbe.ProbesPerPark * Workload.Parks;
        text.AppendLine(CultureInfo.InvariantCulture, $"Alert latency after the COUNT, the hosts otherwise idle: {probes} probe stations send one COD reading over their limit each, publish -> alert at a hub client; ({StationScenario.ClusterId}) times each at a client on the instance that does not judge the park (through Redis)");
        var rows = new List<string[]> { new[] { "scenario", "alerts", "p50 ms", "p99 ms", "max ms", "hosts' CPU (cores)" } };
        foreach (var r in timed)
        {
            var a = r.AlertLatency!;
            rows.Add([$"({r.Id}) {r.MeasuredProcess}", $"{a.Count}/{probes}", Number(a.P50, "N0"), Number(a.P99, "N0"), Number(a.Max, "N0"), Number(a.HostCores, "0.00")]);
        }

        AppendColumns(text, rows);
        text.AppendLine();
    }

    /// <summary>Rows as aligned columns: the first left-aligned, the others right-aligned.</summary>
    private static void AppendColumns(StringBuilder text, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private string Mark(string scenario, string target) =>
        _targets.FirstOrDefault(t => t.Scenario == scenario && t.Target.Contains(target, StringComparison.Ordinal)) is { } t && t.Threshold is not null ? " " + t.Status : "";
}
