using EnvMonitoring.Protocol.Catalog;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Edge.Intake;

/// <summary>
/// Checks what data annotations cannot: every station mapping against the parameter catalog, one
/// entry per file station, and archive and rejected folders apart from the drop folder (the gateway
/// refuses to start rather than reject every file of a mis-configured station).
/// </summary>
internal sealed class FileIntakeOptionsValidator(ParameterCatalog catalog) : IValidateOptions<FileIntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, FileIntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var fileStations = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Stations.Count; i++)
        {
            var prefix = $"{FileIntakeOptions.Section}:Stations:{i}";
            var station = options.Stations[i];
            if (station is null)
            {
                problems.Add($"{prefix} is empty.");
                continue;
            }

            try
            {
                problems.AddRange(station.ToMapping().Validate(catalog).Select(p => $"{prefix}: {p}"));
            }
            catch (ArgumentException e)
            {
                problems.Add($"{prefix}: {e.Message}");
            }

            if (!fileStations.Add(station.FileStation ?? ""))
            {
                problems.Add($"{prefix}: the file station '{station.FileStation}' is listed twice.");
            }
        }

        if (options.Enabled)
        {
            var drop = Normalize(options.DropDirectory);
            foreach (var (key, directory) in new[] { ("ArchiveDirectory", options.ArchiveDirectory), ("RejectedDirectory", options.RejectedDirectory) })
            {
                if (!string.IsNullOrWhiteSpace(directory) && Normalize(directory) == drop)
                {
                    problems.Add($"{FileIntakeOptions.Section}:{key} must differ from the drop directory, or its files would be read again.");
                }
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
