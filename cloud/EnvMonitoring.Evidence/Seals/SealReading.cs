namespace EnvMonitoring.Evidence.Seals;

/// <summary>One reading of a sample as sealed: the parameter's catalog code, the value as stored (binary64) and the device status (0 measuring, 1 calibrating, 2 fault).</summary>
public readonly record struct SealReading(string Parameter, double Value, int Status);
