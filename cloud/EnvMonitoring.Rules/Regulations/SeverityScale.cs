using System.Text.Json;
using EnvMonitoring.Rules.Alerts;

namespace EnvMonitoring.Rules.Regulations;

/// <summary>
/// Severity by exceedance multiple, from Decree 45/2022's tiers (data: <c>decree45-2022.json</c>):
/// above 1× and below the first tier is <see cref="Severity.Warning"/>; then one
/// <see cref="SeverityTier"/> per bound (1.1×, 1.5×, 2×, 3×, 5×, 10×). The "approaching" level below
/// 1× is a platform choice and comes from the station's settings, not from here. A range limit
/// (pH) has no multiple: its values outside the range fall into <see cref="RangeBands"/> by value.
/// </summary>
public sealed class SeverityScale
{
    public const string EmbeddedFile = "decree45-2022.json";

    private static readonly Severity[] TierLevels =
        [Severity.From1Point1, Severity.From1Point5, Severity.From2, Severity.From3, Severity.From5, Severity.From10];

    private static readonly Lazy<SeverityScale> DefaultScale = new(LoadEmbedded);

    private readonly double[] _bounds;

    private SeverityScale(string id, string source, string? note, IReadOnlyList<SeverityTier> tiers, IReadOnlyList<RangeBands> ranges)
    {
        Id = id;
        Source = source;
        Note = note;
        Tiers = tiers;
        Ranges = ranges;
        _bounds = tiers.Select(t => (double)t.From).ToArray();
    }

    public static SeverityScale Default => DefaultScale.Value;

    public string Id { get; }

    public string Source { get; }

    public string? Note { get; }

    public IReadOnlyList<SeverityTier> Tiers { get; }

    /// <summary>The bands by value of range limits, one set per parameter (Decree 45/2022: pH).</summary>
    public IReadOnlyList<RangeBands> Ranges { get; }

    /// <summary>The bands of <paramref name="parameter"/>'s range limit; null: none in the file (its values outside the range are a <see cref="Severity.Warning"/>).</summary>
    public RangeBands? RangeBandsFor(string parameter)
    {
        foreach (var range in Ranges)
        {
            if (range.Parameter == parameter)
            {
                return range;
            }
        }

        return null;
    }

    /// <summary>
    /// The level of an exceedance multiple: a tier from its bound inclusive ("from 1.1 times to
    /// below 1.5 times"), <see cref="Severity.Warning"/> strictly above 1× (a value equal to its
    /// limit complies), <see cref="Severity.Approaching"/> from <paramref name="approachRatio"/>
    /// (NaN: no approaching level).
    /// </summary>
    public Severity LevelOf(double multiple, double approachRatio)
    {
        if (!(multiple > 1))
        {
            return multiple >= approachRatio ? Severity.Approaching : Severity.None;
        }

        var bounds = _bounds;
        for (var i = bounds.Length - 1; i >= 0; i--)
        {
            if (multiple >= bounds[i])
            {
                return TierLevels[i];
            }
        }

        return Severity.Warning;
    }

    public static SeverityScale Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        SeverityScaleFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, RegulationJsonContext.Default.SeverityScaleFile);
        }
        catch (JsonException e)
        {
            throw new RegulationException($"The severity scale file is not valid: {e.Message}", e);
        }

        var id = RegulationReader.Text(file?.Id, "id", "The severity scale file");
        var where = $"Severity scale '{id}'";
        if (file!.Format != RegulationReader.SupportedFormat)
        {
            throw new RegulationException($"{where}: format {file.Format} is not supported.");
        }

        if (file.Tiers is not { Count: 6 } entries)
        {
            throw new RegulationException($"{where}: 'tiers' must list exactly {TierLevels.Length} bounds (1.1x, 1.5x, 2x, 3x, 5x, 10x in Decree 45/2022).");
        }

        var tiers = new List<SeverityTier>();
        var previous = 1m;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].From is not { } from || from <= previous)
            {
                throw new RegulationException($"{where}: tier {i + 1} must start above {previous}, not at {entries[i].From}.");
            }

            tiers.Add(new SeverityTier(TierLevels[i], from, RegulationReader.Mark(entries[i].Confidence, $"{where}, tier {from}")));
            previous = from;
        }

        return new SeverityScale(id, RegulationReader.Text(file.Source, "source", where), file.Note, tiers, RangeBandsReader.Read(file.RangeBands, where));
    }

    public static SeverityScale Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return Load(stream);
    }

    private static SeverityScale LoadEmbedded()
    {
        using var stream = RegulationLibrary.OpenEmbedded(EmbeddedFile);
        return Load(stream);
    }
}
