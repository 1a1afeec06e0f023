namespace EnvMonitoring.Cloud.OpenData;

/// <summary>
/// What the public sees of a station (Decree 08/2022 Art. 102): hourly means of valid readings,
/// nothing internal (no device status, no counts, no alert notes, no sequence numbers).
/// </summary>
public sealed record PublicHourly(
    string Station, string Name, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<PublicParameter> Parameters, IReadOnlyList<PublicHour> Hours);

/// <summary>A parameter with its unit and, where the station has one, its upper limit (or range) for display.</summary>
public sealed record PublicParameter(string Code, string Name, string Unit, double? LimitMin, double? LimitMax);

/// <summary>One hour (its start, +07:00) and the mean of each parameter that had valid readings in it.</summary>
public sealed record PublicHour(DateTimeOffset Time, IReadOnlyDictionary<string, double> Means);
