namespace EnvMonitoring.Benchmarks.Measuring;

/// <summary>
/// The CPU seconds three parties spend between <c>Start</c> and <see cref="Stop"/>: the
/// processes under test (one cloud host, or every instance of a cluster, summed), influxd (it shares
/// the two cores) and the benchmark itself (the load generator).
/// </summary>
internal sealed class CpuWindow
{
    private readonly int[] _measured;
    private readonly int _influx;
    private readonly double _measuredAtStart;
    private readonly double _influxAtStart;
    private readonly double _benchAtStart;

    private CpuWindow(int[] measured, int influx)
    {
        _measured = measured;
        _influx = influx;
        _measuredAtStart = Measured();
        _influxAtStart = ProcessMeter.CpuSeconds(influx);
        _benchAtStart = ProcessMeter.CpuSeconds(Environment.ProcessId);
    }

    public static CpuWindow Start(int measuredPid, int influxPid) => new([measuredPid], influxPid);

    /// <summary>Measures several processes under test as one (the instances of a cluster).</summary>
    public static CpuWindow Start(IEnumerable<int> measuredPids, int influxPid) => new([.. measuredPids], influxPid);

    public CpuSpent Stop() => new(
        Measured() - _measuredAtStart,
        ProcessMeter.CpuSeconds(_influx) - _influxAtStart,
        ProcessMeter.CpuSeconds(Environment.ProcessId) - _benchAtStart);

    private double Measured() => _measured.Sum(ProcessMeter.CpuSeconds);
}
