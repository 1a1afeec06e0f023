using System.Text.Json;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Identifiers;

namespace EnvMonitoring.Node.Simulation;

/// <summary>Reads and checks a scenario file; a bad file stops the node at start with a message naming the incident.</summary>
public static class ScenarioFile
{
    public static Scenario Load(string path, ParameterCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            return Parse(stream, catalog, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"Scenario {path}: cannot be read: {e.Message}", e);
        }
    }

    public static Scenario Parse(Stream json, ParameterCatalog catalog, string name = "(scenario)")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize(json, ScenarioJsonContext.Default.Scenario);
        }
        catch (JsonException e)
        {
            throw new ScenarioException($"Scenario {name}: not a scenario file: {e.Message}", e);
        }

        if (scenario is null)
        {
            throw new ScenarioException($"Scenario {name}: empty.");
        }

        Check(scenario, catalog, name);
        return scenario;
    }

    private static void Check(Scenario scenario, ParameterCatalog catalog, string name)
    {
        if (scenario.RepeatEvery is { } repeat && repeat <= TimeSpan.Zero)
        {
            throw new ScenarioException($"Scenario {name}: repeatEvery must be positive.");
        }

        for (var i = 0; i < scenario.Incidents.Count; i++)
        {
            var incident = scenario.Incidents[i];
            var problem = Problem(incident, scenario.RepeatEvery, catalog);
            if (problem is not null)
            {
                throw new ScenarioException($"Scenario {name}: incident {i} ({incident.Kind} at {incident.Station}): {problem}");
            }
        }
    }

    private static string? Problem(ScenarioIncident incident, TimeSpan? repeat, ParameterCatalog catalog)
    {
        if (!Identifier.IsValid(incident.Station))
        {
            return $"'{incident.Station}' is not a station identifier.";
        }

        if (incident.Start < TimeSpan.Zero || incident.Duration <= TimeSpan.Zero)
        {
            return "start must not be negative and duration must be positive.";
        }

        if (repeat is { } cycle && incident.Start + incident.Duration > cycle)
        {
            return $"it ends after the cycle of {cycle} (repeatEvery).";
        }

        var parameters = incident.AffectedParameters;
        if (incident.Kind == IncidentKind.Offline)
        {
            return parameters.Count > 0 ? "an offline incident concerns the whole node; leave out parameters." : null;
        }

        if (parameters.Count == 0)
        {
            return "name the parameter affected.";
        }

        if (parameters.FirstOrDefault(p => !catalog.TryGet(p, out _)) is { } unknown)
        {
            return $"'{unknown}' is not in the parameter catalog.";
        }

        return incident.Kind switch
        {
            IncidentKind.Spike when !(incident.Factor > 0) || !double.IsFinite(incident.Factor) => "factor must be a positive number.",
            IncidentKind.Excursion when incident.Target is not { } target => "an excursion needs a target value.",
            IncidentKind.Excursion when parameters.Any(p => !catalog[p].Accepts(incident.Target!.Value)) => "target is outside the catalog's accepted range.",
            IncidentKind.Spike or IncidentKind.Excursion or IncidentKind.ProbeDies or IncidentKind.FlatLine or IncidentKind.Calibration => null,
            _ => $"unknown kind {incident.Kind}.",
        };
    }
}
