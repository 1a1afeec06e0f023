namespace EnvMonitoring.Benchmarks.Ingestion;

/// <summary>A progress figure that must keep growing, and how to show it.</summary>
internal readonly record struct Progress(long Count, string Text);
