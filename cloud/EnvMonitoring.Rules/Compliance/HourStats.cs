namespace EnvMonitoring.Rules.Compliance;

/// <summary>One parameter's <see cref="WindowStats"/> for the hour starting at <see cref="Start"/> (UTC hour boundary).</summary>
public readonly record struct HourStats(DateTimeOffset Start, WindowStats Stats);
