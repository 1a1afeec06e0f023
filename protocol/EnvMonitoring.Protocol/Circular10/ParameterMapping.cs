namespace EnvMonitoring.Protocol.Circular10;

/// <summary>
/// Where one of a station's parameter names goes in the catalog: the catalog <paramref name="Code"/>,
/// and the <paramref name="Factor"/> that turns the file's value into the catalog's canonical unit
/// (value × factor; e.g. 3.6 for a flow sent in L/s, since the catalog's flow is m³/h).
/// When <paramref name="Unit"/> is set, a line that names a different unit fails the file: a
/// datalogger re-configured to another unit must not be scaled with the old factor.
/// </summary>
public sealed record ParameterMapping(string Code, double Factor = 1, string? Unit = null);
