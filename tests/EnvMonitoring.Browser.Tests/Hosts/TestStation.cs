using System.Globalization;

namespace EnvMonitoring.Browser.Tests.Hosts;

/// <summary>A station a test registers in the cloud host's configuration, with its permit's limits.</summary>
public sealed record TestStation(string Park, string Station, string Name, TimeSpan ExpectedInterval, IReadOnlyList<TestLimit> Limits)
{
    /// <summary>Silence after which the rules call the station offline; the platform default when null.</summary>
    public TimeSpan? OfflineAfter { get; init; }

    /// <summary>Silence after which one parameter is silent while the station reports; the platform default when null.</summary>
    public TimeSpan? SilentAfter { get; init; }

    /// <summary>How long an unchanged value takes to be a flat line; the platform default when null.</summary>
    public TimeSpan? FlatLineAfter { get; init; }

    /// <summary>The facility that discharges here (registry <c>Facility</c>); none when null.</summary>
    public string? Facility { get; init; }

    /// <summary>The facility's permit as people read it (registry <c>PermitNumber</c>).</summary>
    public string? PermitNumber { get; init; }

    /// <summary>
    /// Limits from a regulation's column with the station's site inputs (quantities and choices) instead of
    /// the permit's <see cref="Limits"/>, which then only name the parameters measured.
    /// </summary>
    public TestRegulation? Regulation { get; init; }

    /// <summary>Where the station is (WGS 84 degrees), for the map; none when null.</summary>
    public (double Latitude, double Longitude)? Position { get; init; }

    /// <summary>A water station with a fresh id (each test owns its stations) reporting every 5 s, COD ≤ 100 mg/L and pH 5.5–9.</summary>
    public static TestStation Water(string park, string name, string? id = null) =>
        new(park, id ?? $"BT-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}", name, TimeSpan.FromSeconds(5),
            [new("COD", null, 100), new("pH", 5.5, 9), new("TSS", null, 100), new("NH4", null, 10)]);

    /// <summary>The <c>Stations:{index}:…</c> settings as environment variables.</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings(int index)
    {
        var prefix = $"Stations__{index}__";
        yield return new(prefix + "Park", Park);
        yield return new(prefix + "Station", Station);
        yield return new(prefix + "Name", Name);
        yield return new(prefix + "Medium", "Water");
        yield return new(prefix + "ExpectedInterval", ExpectedInterval.ToString("c", CultureInfo.InvariantCulture));
        if (Facility is not null)
        {
            yield return new(prefix + "Facility", Facility);
        }

        if (PermitNumber is not null)
        {
            yield return new(prefix + "PermitNumber", PermitNumber);
        }

        if (Regulation is { } regulation)
        {
            yield return new(prefix + "Regulation", regulation.Id);
            yield return new(prefix + "Column", regulation.Column);
            foreach (var (input, value) in regulation.Site)
            {
                yield return new($"{prefix}Site__{input}", value);
            }
        }

        for (var i = 0; i < Limits.Count; i++)
        {
            var limit = Limits[i];
            yield return new($"{prefix}Parameters__{i}", limit.Parameter);
            if (Regulation is not null)
            {
                continue;
            }

            yield return new($"{prefix}Permit__{i}__Parameter", limit.Parameter);
            yield return new($"{prefix}Permit__{i}__Reference", "Test permit 1/GP");
            if (limit.Min is { } min)
            {
                yield return new($"{prefix}Permit__{i}__Min", min.ToString(CultureInfo.InvariantCulture));
            }

            if (limit.Max is { } max)
            {
                yield return new($"{prefix}Permit__{i}__Max", max.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (Position is var (latitude, longitude))
        {
            yield return new(prefix + "Latitude", latitude.ToString(CultureInfo.InvariantCulture));
            yield return new(prefix + "Longitude", longitude.ToString(CultureInfo.InvariantCulture));
        }

        // Quick clearing, so a test can resolve an alert whose cause went away a moment ago.
        yield return new(prefix + "Rules__ClearTime", "00:00:01");
        if (OfflineAfter is { } offline)
        {
            yield return new(prefix + "Rules__OfflineAfter", offline.ToString("c", CultureInfo.InvariantCulture));
        }

        if (SilentAfter is { } silent)
        {
            yield return new(prefix + "Rules__SilentAfter", silent.ToString("c", CultureInfo.InvariantCulture));
        }

        if (FlatLineAfter is { } flat)
        {
            yield return new(prefix + "Rules__FlatLineAfter", flat.ToString("c", CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>A regulation's column and the station's site inputs its coefficients read (<c>Site:dischargeM3PerDay</c>).</summary>
public sealed record TestRegulation(string Id, string Column, IReadOnlyDictionary<string, string> Site);

/// <summary>One permit limit (pH as a range).</summary>
public sealed record TestLimit(string Parameter, double? Min, double? Max);
