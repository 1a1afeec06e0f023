namespace EnvMonitoring.Cloud.History;

/// <summary>Raw readings of one station and parameter; times are local (UTC+7) RFC 3339.</summary>
public sealed record ReadingsResponse(
    string Station,
    string Parameter,
    string Unit,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<ReadingPoint> Readings,
    bool Truncated);

/// <summary>One stored reading: measurement time, value in the catalog unit, device status (0, 1, 2).</summary>
public sealed record ReadingPoint(DateTimeOffset Ts, double Value, int Status);
