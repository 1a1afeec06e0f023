using System.Collections.Frozen;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;

namespace EnvMonitoring.Cloud.Stations;

/// <summary>
/// The stations the platform judges, each with its limits resolved from the regulation library:
/// from configuration at start-up, then from the configuration store whenever it changes
/// (<see cref="Replace"/>). Readers always see one whole registry: a replacement swaps it at once.
/// A definition that does not resolve stops the host (or refuses the change) with a message naming
/// the station and the reason.
/// </summary>
public sealed class StationRegistry
{
    public const string Section = "Stations";

    private readonly Lock _replacing = new();
    private volatile Contents _contents;

    public StationRegistry(IEnumerable<RegisteredStation> stations)
    {
        _contents = Contents.Of(stations);
    }

    /// <summary>
    /// Raised after <see cref="Replace"/> swapped the stations, with what changed; handlers run on
    /// the replacing thread, one replacement at a time, and must hand long work elsewhere.
    /// </summary>
    public event Action<StationChanges>? Changed;

    public IReadOnlyList<RegisteredStation> All => _contents.All;

    public IReadOnlyList<string> Parks => _contents.Parks;

    public bool TryGet(string station, [NotNullWhen(true)] out RegisteredStation? registered) => _contents.ByStation.TryGetValue(station, out registered);

    /// <summary>The park the station is registered to; null for a station the registry does not know.</summary>
    public string? ParkOf(string? station) => station is not null && _contents.ByStation.TryGetValue(station, out var registered) ? registered.Park : null;

    /// <summary>
    /// Takes a new set of stations (throws, keeping the current ones, when a station is listed
    /// twice) and tells <see cref="Changed"/> which were added, changed (any difference in their
    /// definition: names, place, limits, settings) or removed; nothing is raised when nothing changed.
    /// </summary>
    public StationChanges Replace(IEnumerable<RegisteredStation> stations)
    {
        var next = Contents.Of(stations);
        StationChanges changes;
        lock (_replacing)
        {
            var before = _contents;
            changes = new StationChanges(
                [.. next.All.Where(s => !before.ByStation.ContainsKey(s.Station))],
                [.. next.All.Where(s => before.ByStation.TryGetValue(s.Station, out var old) && !Same(old, s))],
                [.. before.All.Where(s => !next.ByStation.ContainsKey(s.Station))]);
            _contents = next;
            if (!changes.IsEmpty)
            {
                Changed?.Invoke(changes);
            }
        }

        return changes;
    }

    /// <summary>Equal definitions resolve to equal stations: compared by what they were resolved from, and where they are.</summary>
    private static bool Same(RegisteredStation a, RegisteredStation b) => a.Definition == b.Definition && a.Place == b.Place;

    /// <summary>Resolves every definition; throws <see cref="InvalidOperationException"/> listing each one that does not resolve.</summary>
    public static StationRegistry Build(IEnumerable<StationDefinition> definitions, RegulationLibrary library, ParameterCatalog catalog, RuleSettings defaults) =>
        Build(definitions, [], library, catalog, defaults);

    /// <summary>
    /// Resolves every definition, with the parks' display names; throws <see cref="InvalidOperationException"/>
    /// listing each station or park that does not resolve.
    /// </summary>
    public static StationRegistry Build(IEnumerable<StationDefinition> definitions, IEnumerable<ParkDefinition> parks, RegulationLibrary library, ParameterCatalog catalog, RuleSettings defaults)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(parks);
        var errors = new List<string>();
        var parkNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var p = 0;
        foreach (var park in parks)
        {
            if (!Identifier.IsValid(park.Id))
            {
                errors.Add($"Parks:{p}: Id '{park.Id}' is not a valid park id.");
            }
            else if (!parkNames.TryAdd(park.Id, string.IsNullOrWhiteSpace(park.Name) ? park.Id : park.Name.Trim()))
            {
                errors.Add($"Parks:{p}: park {park.Id} is configured twice.");
            }

            p++;
        }

        var stations = new List<RegisteredStation>();
        var index = 0;
        foreach (var definition in definitions)
        {
            try
            {
                var station = Resolve(definition, library, catalog, defaults);
                stations.Add(station with { Place = PlaceOf(definition, parkNames.GetValueOrDefault(definition.Park, definition.Park)), Definition = StationsFile.Write(definition) });
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or FormatException or RegulationException)
            {
                errors.Add($"Stations:{index} ({(string.IsNullOrEmpty(definition.Station) ? "no id" : definition.Station)}): {e.Message}");
            }

            index++;
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The station registry is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        return new StationRegistry(stations);
    }

    public static RegisteredStation Resolve(StationDefinition definition, RegulationLibrary library, ParameterCatalog catalog, RuleSettings defaults)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(defaults);
        Identifier.Require(definition.Park, nameof(definition.Park));
        Identifier.Require(definition.Station, nameof(definition.Station));

        var site = SiteInputs.None;
        foreach (var (input, quantity) in definition.Site)
        {
            site = site.With(input, quantity);
        }

        foreach (var (input, choice) in definition.SiteChoices)
        {
            site = site.With(input, choice);
        }

        foreach (var (factor, value) in definition.Factors)
        {
            site = site.WithFactor(factor, value);
        }

        IReadOnlyList<ParameterLimit> limits = definition.Regulation is null && definition.Permit.Count == 0
            ? []
            : StationLimits.Resolve(library, new LimitDeclaration
            {
                Regulation = definition.Regulation,
                Column = definition.Column,
                Site = site,
                Permit = definition.Permit.Select(p => new PermitLimit(p.Parameter, p.Min, p.Max, p.Reference)).ToList(),
            }, catalog);

        if (definition.Parameters.Count > 0)
        {
            // An automatic station judges only what it measures: a regulated parameter it does not send
            // (e.g. Color, TP, left to lab samples) gets no limit here, and so no "silent" alert.
            limits = limits.Where(l => definition.Parameters.Contains(l.Parameter.Code, StringComparer.Ordinal)).ToList();
        }

        var monitored = new List<Parameter>();
        foreach (var code in definition.Parameters)
        {
            if (!catalog.TryGet(code, out var parameter))
            {
                throw new ArgumentException($"parameter '{code}' is not in the parameter catalog (codes are case-sensitive).");
            }

            monitored.Add(parameter);
        }

        var settings = definition.Rules.Apply(defaults, definition.ExpectedInterval);
        var profile = StationRuleProfile.Create(definition.Station, definition.Medium, limits, monitored, settings, catalog);
        return new RegisteredStation(definition.Park, definition.Station, string.IsNullOrWhiteSpace(definition.Name) ? definition.Station : definition.Name!,
            definition.Medium, definition.ExpectedInterval, profile);
    }

    private static StationPlace PlaceOf(StationDefinition definition, string parkName)
    {
        if (definition.Latitude.HasValue != definition.Longitude.HasValue)
        {
            throw new ArgumentException("Latitude and Longitude go together: give both or neither.");
        }

        if (definition.Latitude is < -90 or > 90 || definition.Longitude is < -180 or > 180)
        {
            throw new ArgumentException($"({definition.Latitude}, {definition.Longitude}) is not a position: latitude is -90 to 90, longitude -180 to 180 (WGS 84 degrees).");
        }

        return new StationPlace(parkName, Blank(definition.Facility), Blank(definition.PermitNumber), definition.Latitude, definition.Longitude);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private sealed class Contents
    {
        private Contents(List<RegisteredStation> all)
        {
            All = all;
            ByStation = all.ToFrozenDictionary(s => s.Station, StringComparer.Ordinal);
            Parks = all.Select(s => s.Park).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }

        public List<RegisteredStation> All { get; }

        public FrozenDictionary<string, RegisteredStation> ByStation { get; }

        public List<string> Parks { get; }

        public static Contents Of(IEnumerable<RegisteredStation> stations)
        {
            ArgumentNullException.ThrowIfNull(stations);
            var list = stations.ToList();
            if (list.GroupBy(s => s.Station, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new InvalidOperationException($"Station {twice.Key} is registered twice.");
            }

            return new Contents(list);
        }
    }
}

/// <summary>What a <see cref="StationRegistry.Replace"/> changed: stations added, changed (as they are now) and removed (as they were).</summary>
public sealed record StationChanges(IReadOnlyList<RegisteredStation> Added, IReadOnlyList<RegisteredStation> Changed, IReadOnlyList<RegisteredStation> Removed)
{
    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && Removed.Count == 0;
}
