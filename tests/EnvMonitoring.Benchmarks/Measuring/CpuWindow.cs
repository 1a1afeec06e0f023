namespace EnvMonitoring.Benchmarks.Measuring;

/// <summary>
/// The CPU seconds three processes spend between <see cref="Start"/> and <see cref="Stop"/>: the
/// process under test, influxd (it shares the two cores) and the benchmark itself (the load generator).
/// </summary>
internal sealed class CpuWindow
{
    private readonly int _measured;
    private readonly int _influx;
    private readonly double _measuredAtStart;
    private readonly double _influxAtStart;
    private readonly double _benchAtStart;

    private CpuWindow(int measured, int influx)
    {
        _measured = measured;
        _influx = influx;
        _measuredAtStart = ProcessMeter.CpuSeconds(measured);
        _influxAtStart = ProcessMeter.CpuSeconds(influx);
        _benchAtStart = ProcessMeter.CpuSeconds(Environment.ProcessId);
    }

    public static CpuWindow Start(int measuredPid, int influxPid) => new(measuredPid, influxPid);

    public CpuSpent Stop() => new(
        ProcessMeter.CpuSeconds(_measured) - _measuredAtStart,
        ProcessMeter.CpuSeconds(_influx) - _influxAtStart,
        ProcessMeter.CpuSeconds(Environment.ProcessId) - _benchAtStart);
}
