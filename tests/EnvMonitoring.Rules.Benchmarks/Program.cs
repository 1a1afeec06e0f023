using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using EnvMonitoring.Rules.Benchmarks;

// dotnet run -c Release --project tests/EnvMonitoring.Rules.Benchmarks [-- BenchmarkDotNet arguments, e.g. --job medium]
// ShortRun, in process: no generated project to build, so it runs wherever it was built.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "envmon-rules-bench"));
var summary = BenchmarkRunner.Run<EngineBenchmarks>(config, args);
foreach (var report in summary.Reports.Where(r => r.Success && r.ResultStatistics is not null))
{
    var perReading = report.ResultStatistics!.Mean;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"Engine throughput ({report.BenchmarkCase.Parameters.PrintInfo}): {perReading:F1} ns/reading = {1e9 / perReading:N0} readings/s on one core"));
}

return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
