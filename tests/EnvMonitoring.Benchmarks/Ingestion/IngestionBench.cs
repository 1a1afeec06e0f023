using EnvMonitoring.Testing;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// Runs the chosen scenarios in order (with several rounds, every other round backwards: <see cref="Order"/>)
/// on one private influxd (each in its own database, every run of (b), (c) and (d) with fresh cloud hosts;
/// between two, the last database is dropped and influxd left to go idle, <see cref="InfluxSettling"/>),
/// then prints the table and the JSON and writes the JSON file.
/// </summary>
internal static class IngestionBench
{
    public static async Task<int> RunAsync(IngestionSettings settings, CancellationToken ct)
    {
        var results = new List<ScenarioResult>();
        string? error = null;
        var machine = MachineInfo.Read("not started");
        var loadAtStart = MachineInfo.LoadAverage();
        try
        {
            BenchLog.Step("starting a private influxd");
            await using var influx = await InfluxServer.StartAsync(ct);
            machine = MachineInfo.Read(await InfluxVersionAsync(influx.BaseUri, ct));
            BenchLog.Step($"{machine.Summary}; scenarios {string.Join(",", settings.Scenarios)}");
            var lastRound = 0;
            foreach (var (round, scenario) in Order(settings.Scenarios, settings.Rounds))
            {
                if (settings.Rounds > 1 && round != lastRound)
                {
                    BenchLog.Step($"round {round} of {settings.Rounds}");
                    lastRound = round;
                }

                if (results.Count > 0)
                {
                    var previous = DatabaseOf(results[^1].Id);
                    BenchLog.Step($"dropping {previous} and waiting for influxd to go idle (< {InfluxSettling.IdleCores:0.00} cores)");
                    var settled = await InfluxSettling.SettleAsync(influx, previous, ct);
                    BenchLog.Step(settled is { } took ? $"influxd idle after {took.TotalSeconds:0} s" : "influxd still busy after 90 s; going on");
                }

                var result = scenario switch
                {
                    RawCeilingScenario.Id => await new RawCeilingScenario(influx, settings.RawValues).RunAsync(ct),
                    GatewayScenario.PlainId or GatewayScenario.UnsealedId or GatewayScenario.Id => await new GatewayScenario(influx, settings.GatewayValues, scenario).RunAsync(ct),
                    _ => await new StationScenario(influx, settings.StationValues, scenario).RunAsync(ct),
                };
                results.Add(result);
                BenchLog.Step(result.Id, $"{result.ValuesPerSecond:N0} values/s over {result.Elapsed.TotalSeconds:0.0} s; {result.VerifiedValues:N0} values verified");
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            error = "interrupted";
        }
        catch (Exception e)
        {
            // Reported with the figures gathered so far, and the run exits non-zero.
            error = e.Message;
            await Console.Error.WriteLineAsync(e.ToString());
        }

        var report = new BenchReport(settings, machine, (loadAtStart, MachineInfo.LoadAverage()), Medians(settings.Scenarios, results), results, error);
        Console.WriteLine();
        Console.Write(report.Table());
        var json = report.ToJson();
        Console.WriteLine(json);
        Directory.CreateDirectory(Path.GetDirectoryName(settings.JsonPath)!);
        await File.WriteAllTextAsync(settings.JsonPath, json + "\n", CancellationToken.None);
        BenchLog.Step($"JSON written to {settings.JsonPath}");
        return error is null ? BenchCommand.Succeeded : BenchCommand.Failed;
    }

    /// <summary>
    /// The runs in order: round after round, every other one backwards (b-unsealed, b, then b, b-unsealed),
    /// so that what a run's place in a round does to it (influxd just after the database before was
    /// dropped, the machine's drift over the rounds) falls on every scenario alike.
    /// </summary>
    public static IEnumerable<(int Round, string Scenario)> Order(IReadOnlyList<string> scenarios, int rounds) =>
        Enumerable.Range(1, rounds).SelectMany(r => (r % 2 == 1 ? scenarios : scenarios.Reverse()).Select(s => (r, s)));

    /// <summary>Per scenario, in the given order, its run with the median values/s (the lower middle one of an even count).</summary>
    public static List<ScenarioResult> Medians(IReadOnlyList<string> scenarios, IReadOnlyList<ScenarioResult> runs) =>
        [.. scenarios.Select(id => runs.Where(r => r.Id == id).OrderBy(r => r.ValuesPerSecond).ToList())
            .Where(of => of.Count > 0)
            .Select(of => of[(of.Count - 1) / 2])];

    /// <summary>Each scenario writes into its own database.</summary>
    public static string DatabaseOf(string scenario) => $"bench_{scenario.Replace('-', '_')}";

    private static async Task<string> InfluxVersionAsync(Uri influx, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var response = await http.GetAsync(new Uri(influx, "ping"), ct);
        return response.Headers.TryGetValues("X-Influxdb-Version", out var versions) ? versions.First() : "unknown";
    }
}
