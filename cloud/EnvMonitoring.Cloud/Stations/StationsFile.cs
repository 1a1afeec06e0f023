using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnvMonitoring.Cloud.Stations;

/// <summary>
/// Reads a <c>StationsFile</c> (<c>{"Parks":[…], "Stations":[…]}</c>, the shape of the <c>Parks</c> and <c>Stations</c> settings
/// section) with System.Text.Json. Through the configuration binder a province-sized registry took
/// minutes: it looks every child key up by scanning all keys, so 5,000 stations kept the host from
/// starting for over a minute.
/// </summary>
public static class StationsFile
{
    /// <summary>The setting that names the file.</summary>
    public const string Setting = "StationsFile";

    /// <summary>How stations and parks are read and written as JSON: here, in the configuration store, in imports and exports.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        // As lenient as the configuration binder the same definitions go through in settings.
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>One station's definition as stations-file JSON (one line, the properties in declaration order).</summary>
    public static string Write(StationDefinition definition) => JsonSerializer.Serialize(definition, Options);

    /// <summary>A whole stations file (<c>{"Parks":[…],"Stations":[…]}</c>), indented, as the export writes it.</summary>
    public static string Write(RegistryDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return JsonSerializer.Serialize(new StationsDocument { Parks = definitions.Parks, Stations = definitions.Stations }, new JsonSerializerOptions(Options) { WriteIndented = true });
    }

    /// <summary>The stations in <paramref name="path"/>, and the parks' names when it has a <c>Parks</c> array.</summary>
    /// <exception cref="InvalidOperationException">The file is missing, is not JSON of that shape, or has no <c>Stations</c> array; the message names the file and, for bad JSON, the line.</exception>
    public static RegistryDefinitions Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new InvalidOperationException($"StationsFile {full} does not exist.");
        }

        StationsDocument? document;
        try
        {
            using var stream = File.OpenRead(full);
            document = JsonSerializer.Deserialize<StationsDocument>(stream, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"StationsFile {full} is not a valid stations file (line {e.LineNumber + 1}, {e.Path}): {e.Message}", e);
        }

        var stations = document?.Stations ?? throw new InvalidOperationException($"StationsFile {full} has no \"Stations\" array.");
        return new RegistryDefinitions(document.Parks ?? [], stations);
    }

    private sealed class StationsDocument
    {
        public List<ParkDefinition>? Parks { get; set; }

        public List<StationDefinition>? Stations { get; set; }
    }
}

/// <summary>What a registry is built from: the parks' names and the stations.</summary>
public sealed record RegistryDefinitions(List<ParkDefinition> Parks, List<StationDefinition> Stations)
{
    /// <summary>What the settings say: the <c>Parks</c> and <c>Stations</c> sections, then the parks and stations of the <c>StationsFile</c> they name.</summary>
    public static RegistryDefinitions FromSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var definitions = configuration.GetSection(StationRegistry.Section).Get<List<StationDefinition>>() ?? [];
        var parks = configuration.GetSection(ParkDefinition.Section).Get<List<ParkDefinition>>() ?? [];
        if (configuration[StationsFile.Setting] is { Length: > 0 } file)
        {
            var read = StationsFile.Read(file);
            definitions.AddRange(read.Stations);
            parks.AddRange(read.Parks);
        }

        return new RegistryDefinitions(parks, definitions);
    }
}
