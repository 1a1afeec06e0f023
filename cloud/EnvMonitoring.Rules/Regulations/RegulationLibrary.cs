using EnvMonitoring.Protocol.Catalog;

namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// The regulations stations can reference, by <see cref="Regulation.Id"/>. Immutable: loading a
/// newer or corrected file (<see cref="WithFile(Stream, ParameterCatalog?)"/>) returns a new
/// library, which the host swaps in and then re-resolves the stations' limits from.
/// </summary>
public sealed class RegulationLibrary
{
    /// <summary>The files shipped with this release, embedded in the assembly (docs/rules.md).</summary>
    public static readonly IReadOnlyList<string> EmbeddedFiles = ["qcvn40-2011.json", "qcvn40-2025.json", "qcvn19-2009.json", "qcvn19-2024.json"];

    private static readonly Lazy<RegulationLibrary> DefaultLibrary = new(LoadEmbedded);

    private readonly Dictionary<string, Regulation> _byId;

    private RegulationLibrary(IEnumerable<Regulation> regulations)
    {
        _byId = new Dictionary<string, Regulation>(StringComparer.Ordinal);
        foreach (var regulation in regulations)
        {
            _byId[regulation.Id] = regulation;
        }
    }

    /// <summary>QCVN 40:2011 and 19:2009 with values; QCVN 40:2025 and 19:2024 as structure awaiting values.</summary>
    public static RegulationLibrary Default => DefaultLibrary.Value;

    public static RegulationLibrary Empty { get; } = new([]);

    public IReadOnlyCollection<Regulation> Regulations => _byId.Values;

    public Regulation Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _byId.TryGetValue(id, out var regulation)
            ? regulation
            : throw new RegulationException($"Regulation '{id}' is not loaded; known: {string.Join(", ", _byId.Keys.Order(StringComparer.Ordinal))}.");
    }

    public bool TryGet(string id, [NotNullWhen(true)] out Regulation? regulation) => _byId.TryGetValue(id, out regulation);

    /// <summary>A library where <paramref name="regulation"/> replaces the one with the same id, or is added.</summary>
    public RegulationLibrary With(Regulation regulation)
    {
        ArgumentNullException.ThrowIfNull(regulation);
        return new RegulationLibrary(_byId.Values.Where(r => r.Id != regulation.Id).Append(regulation));
    }

    /// <summary>Loads a regulation file given by the host (e.g. uploaded by an admin) over this library; throws <see cref="RegulationException"/> when it is not valid.</summary>
    public RegulationLibrary WithFile(Stream json, ParameterCatalog? catalog = null) => With(Regulation.Load(json, catalog));

    /// <inheritdoc cref="WithFile(Stream, ParameterCatalog?)"/>
    public RegulationLibrary WithFile(string json, ParameterCatalog? catalog = null) => With(Regulation.Parse(json, catalog));

    internal static Stream OpenEmbedded(string file) =>
        typeof(RegulationLibrary).Assembly.GetManifestResourceStream($"EnvMonitoring.Rules.{file}")
            ?? throw new RegulationException($"The embedded regulation file {file} is missing from the build.");

    private static RegulationLibrary LoadEmbedded()
    {
        var regulations = new List<Regulation>();
        foreach (var file in EmbeddedFiles)
        {
            using var stream = OpenEmbedded(file);
            try
            {
                regulations.Add(Regulation.Load(stream));
            }
            catch (RegulationException e)
            {
                throw new RegulationException($"{file}: {e.Message}", e);
            }
        }

        return new RegulationLibrary(regulations);
    }
}
