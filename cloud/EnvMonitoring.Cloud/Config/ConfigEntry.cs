namespace EnvMonitoring.Cloud.Config;

/// <summary>
/// One stored item of configuration: a park, station, gateway or user as a JSON document under its
/// id. <see cref="Version"/> starts at 1 and grows with every change of this item: a writer states
/// the version it read, and the store refuses the write when another came first
/// (<see cref="ConfigConflictException"/>).
/// </summary>
public sealed record ConfigEntry(ConfigKind Kind, string Id, long Version, string Json, DateTimeOffset UpdatedAt, string UpdatedBy);
