using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Commands;

namespace EnvMonitoring.Cloud.Calibration;

/// <summary>
/// The body of <c>POST /api/stations/{station}/calibration</c>: <c>{"active":true,"parameters":["pH"],"minutes":30}</c>
/// starts a window, <c>{"active":false}</c> (optionally with parameters) ends it. No parameters means
/// every channel of the station.
/// </summary>
internal sealed record CalibrationRequest(bool? Active, IReadOnlyList<string>? Parameters, int? Minutes)
{
    /// <summary>
    /// The command this request sends to a registered station's node, or the errors that say why
    /// not (field name → messages). A window is sent as an absolute <c>until</c>, so a command
    /// received again (retained, on a reconnect) ends when the operator meant, not later.
    /// </summary>
    public CalibrationCommand? Validate(RegisteredStation? station, ParameterCatalog catalog, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(errors);
        if (station is null)
        {
            errors["station"] = ["station must be a registered station."];
        }

        if (Active is not { } active)
        {
            errors["active"] = ["active must be true (start calibration) or false (end it)."];
            return null;
        }

        var parameters = new List<string>();
        foreach (var code in Parameters ?? [])
        {
            if (!catalog.TryGet(code ?? "", out var parameter))
            {
                errors["parameters"] = [$"'{code}' is not a catalog code, e.g. pH."];
                break;
            }

            if (station is { Profile.Monitored: { Count: > 0 } monitored } && !monitored.Contains(parameter))
            {
                errors["parameters"] = [$"{station.Station} does not measure {parameter.Code}: use some of {string.Join(", ", monitored.Select(p => p.Code))}."];
                break;
            }

            if (!parameters.Contains(parameter.Code))
            {
                parameters.Add(parameter.Code);
            }
        }

        if (active && Minutes is not (>= 1 and <= CalibrationCommand.MaxMinutes))
        {
            errors["minutes"] = [$"minutes must be a whole number from 1 to {CalibrationCommand.MaxMinutes}: how long the window lasts."];
        }

        if (errors.Count > 0)
        {
            return null;
        }

        // Whole seconds, as the payload writes it: what the call answers is what the node reads.
        var until = now.AddMinutes(active ? Minutes!.Value : 0);
        return new CalibrationCommand(active, parameters, null, active ? until.AddTicks(-(until.UtcTicks % TimeSpan.TicksPerSecond)) : null);
    }
}
