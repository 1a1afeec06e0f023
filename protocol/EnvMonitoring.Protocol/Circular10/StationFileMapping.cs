using System.Collections.Frozen;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Protocol.Circular10;

/// <summary>
/// How one station's Circular 10 files become samples (data, from the gateway's configuration):
/// which of our stations the file's station code is, how its parameter names map into the catalog,
/// and which names to skip. Names are matched case-insensitively. A name without an entry that is
/// exactly a catalog code (<c>pH</c>, <c>COD</c>) maps to it with factor 1; the comparison is
/// case-sensitive on purpose, so cobalt's <c>Co</c> never becomes carbon monoxide's <c>CO</c>.
/// </summary>
public sealed class StationFileMapping
{
    private readonly FrozenDictionary<string, ParameterMapping> _parameters;
    private readonly FrozenSet<string> _ignored;

    /// <param name="fileStation">The station code in the file names, <c>&lt;Province&gt;_&lt;Facility&gt;_&lt;Station&gt;</c>.</param>
    /// <param name="station">Our station identifier the samples carry.</param>
    /// <param name="parameters">Source parameter name → catalog code and unit factor.</param>
    /// <param name="ignore">Source parameter names whose lines are skipped unread.</param>
    public StationFileMapping(
        string fileStation,
        string station,
        IEnumerable<KeyValuePair<string, ParameterMapping>>? parameters = null,
        IEnumerable<string>? ignore = null)
    {
        if (!Circular10FileName.IsStationCode(fileStation))
        {
            throw new ArgumentException(
                $"'{fileStation}' is not a file station code <Province>_<Facility>_<Station> of letters and digits.", nameof(fileStation));
        }

        FileStation = fileStation;
        Station = Identifier.Require(station, nameof(station));

        var byName = new Dictionary<string, ParameterMapping>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, mapping) in parameters ?? [])
        {
            RequireName(name, nameof(parameters));
            ArgumentNullException.ThrowIfNull(mapping, nameof(parameters));
            if (!byName.TryAdd(name.Trim(), mapping))
            {
                throw new ArgumentException($"The parameter name '{name}' is mapped twice (names are case-insensitive).", nameof(parameters));
            }
        }

        var ignored = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in ignore ?? [])
        {
            RequireName(name, nameof(ignore));
            ignored.Add(name.Trim());
        }

        _parameters = byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _ignored = ignored.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    public string FileStation { get; }

    public string Station { get; }

    public IReadOnlyDictionary<string, ParameterMapping> Parameters => _parameters;

    public IReadOnlySet<string> Ignored => _ignored;

    public bool IsIgnored(string sourceName) => _ignored.Contains(sourceName);

    /// <summary>
    /// The catalog parameter and factor for <paramref name="sourceName"/>: an explicit entry first,
    /// otherwise a name that is exactly a catalog code. False when the name is unmapped or its entry
    /// names a code the catalog lacks (<see cref="Validate"/> reports that at start-up).
    /// </summary>
    public bool TryResolve(string sourceName, ParameterCatalog catalog, [NotNullWhen(true)] out Parameter? parameter, out ParameterMapping? mapping)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        parameter = null;
        if (_parameters.TryGetValue(sourceName, out mapping))
        {
            return catalog.TryGet(mapping.Code.AsSpan(), out parameter);
        }

        return catalog.TryGet(sourceName.AsSpan(), out parameter);
    }

    /// <summary>What is wrong with this mapping against <paramref name="catalog"/>; empty when usable.</summary>
    public IReadOnlyList<string> Validate(ParameterCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var problems = new List<string>();
        foreach (var (name, mapping) in _parameters)
        {
            if (!catalog.TryGet(mapping.Code.AsSpan(), out _))
            {
                problems.Add($"{FileStation}: '{name}' maps to '{mapping.Code}', which is not in the parameter catalog (codes are case-sensitive).");
            }

            if (!double.IsFinite(mapping.Factor) || mapping.Factor == 0)
            {
                problems.Add($"{FileStation}: the factor of '{name}' must be a finite number other than 0.");
            }

            if (_ignored.Contains(name))
            {
                problems.Add($"{FileStation}: '{name}' is both mapped and ignored.");
            }
        }

        return problems;
    }

    public override string ToString() => $"{FileStation} → {Station}";

    private static void RequireName(string? name, string paramName)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"'{name}' is not a parameter name: a file's names are one word.", paramName);
        }
    }
}
