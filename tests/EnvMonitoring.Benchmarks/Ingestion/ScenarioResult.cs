using EnvMonitoring.Benchmarks.Live;
using EnvMonitoring.Benchmarks.Measuring;

namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>
/// One scenario's figures. Throughput runs from the first send until a COUNT showed every sample
/// in InfluxDB; <see cref="Cpu"/> covers the same window; the peak RSS is the measured process's
/// high-water mark since it started (of a cluster, the largest instance's). <see cref="AlertLatency"/>
/// is timed after the COUNT by the station-style runs (<see cref="AlertProbe"/>).
/// </summary>
internal sealed record ScenarioResult(
    string Id,
    string Name,
    string MeasuredProcess,
    long Values,
    long Samples,
    long Messages,
    TimeSpan Elapsed,
    CpuSpent Cpu,
    long PeakRssBytes,
    long VerifiedValues,
    IReadOnlyDictionary<string, string> Details,
    LatencyResult? AlertLatency = null)
{
    public double ValuesPerSecond => Values / Elapsed.TotalSeconds;

    public double SamplesPerSecond => Samples / Elapsed.TotalSeconds;

    public double CpuSecondsPerMillionValues => Cpu.Measured / (Values / 1e6);

    public double PeakRssMegabytes => PeakRssBytes / (1024.0 * 1024.0);
}
