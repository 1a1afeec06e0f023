using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Protocol.Samples;

/// <summary>One parameter's value in a sample, in the parameter's canonical unit.</summary>
public readonly record struct Reading(Parameter Parameter, double Value, DeviceStatus Status = DeviceStatus.Measuring);
