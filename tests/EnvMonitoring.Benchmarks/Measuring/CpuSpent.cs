namespace EnvMonitoring.Benchmarks.Measuring;

/// <summary>CPU seconds spent in one window: by the process under test, by influxd and by the benchmark process.</summary>
internal readonly record struct CpuSpent(double Measured, double Influx, double Bench);
