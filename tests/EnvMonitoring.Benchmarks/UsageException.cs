namespace EnvMonitoring.Benchmarks;

/// <summary>The command line asks for something the benchmark does not understand.</summary>
internal sealed class UsageException(string message) : Exception(message);
