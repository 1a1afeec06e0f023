using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace EnvMonitoring.Benchmarks.Micro;

/// <summary>
/// <c>./envmon bench --micro</c>: the codec and sealing micro-benchmarks with BenchmarkDotNet's ShortRun job,
/// in process (no generated project to build, so it runs wherever the benchmark was built).
/// Extra arguments go to BenchmarkDotNet (e.g. <c>--filter *Decode*</c>, <c>--job medium</c>).
/// </summary>
internal static class MicroBench
{
    public static int Run(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Repository.MicroArtifacts);
        var summaries = BenchmarkRunner.Run([typeof(CodecBenchmarks), typeof(SealingBenchmarks)], config, args);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? BenchCommand.Failed : BenchCommand.Succeeded;
    }
}
