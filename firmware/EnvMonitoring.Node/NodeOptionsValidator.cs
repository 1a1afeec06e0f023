using System.ComponentModel.DataAnnotations;
using EnvMonitoring.Node.Channels;
using EnvMonitoring.Node.Devices;
using EnvMonitoring.Node.Simulation;
using EnvMonitoring.Protocol.Catalog;
using Microsoft.Extensions.Options;
using UnitsNet;

namespace EnvMonitoring.Node;

/// <summary>
/// What data annotations cannot say: nested sections, unique stations, and each channel's wiring
/// (known parameter of its station's medium, a usable range, shunt, pin, K-factor, calibration),
/// and a readable scenario file. A node with a bad configuration refuses to start, saying which.
/// </summary>
internal sealed class NodeOptionsValidator(IHostEnvironment environment) : IValidateOptions<NodeOptions>
{
    public ValidateOptionsResult Validate(string? name, NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        foreach (var (section, value) in new (string, object)[] { ("Gateway", options.Gateway), ("Buffer", options.Buffer), ("Calibration", options.Calibration) })
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
            {
                problems.AddRange(results.Select(r => $"Node:{section}: {r.ErrorMessage}"));
            }
        }

        if (options.Stations.GroupBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            problems.Add($"Node:Stations: station '{twice.Key}' is listed twice.");
        }

        if (options.EffectiveBackend == NodeBackend.Hardware)
        {
            if (options.Channels.Count == 0)
            {
                problems.Add("Node:Channels: the hardware backend needs at least one channel (or set Node:Backend to Simulator).");
            }

            for (var i = 0; i < options.Channels.Count; i++)
            {
                problems.AddRange(ChannelProblems(options, options.Channels[i]).Select(p => $"Node:Channels:{i} ({options.Channels[i].Parameter}): {p}"));
            }

            var duplicate = options.Channels
                .GroupBy(c => (Station: c.Station ?? options.Stations.FirstOrDefault()?.Id, c.Parameter))
                .FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                problems.Add($"Node:Channels: {duplicate.Key.Parameter} of station {duplicate.Key.Station} is wired twice.");
            }
        }
        else if (options.Simulator.Scenario is { Length: > 0 } scenario)
        {
            try
            {
                ScenarioFile.Load(Path.GetFullPath(scenario, environment.ContentRootPath), ParameterCatalog.Default);
            }
            catch (ScenarioException e)
            {
                problems.Add($"Node:Simulator:Scenario: {e.Message}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> ChannelProblems(NodeOptions options, ChannelOptions channel)
    {
        if (!ParameterCatalog.Default.TryGet(channel.Parameter, out var parameter))
        {
            yield return $"'{channel.Parameter}' is not in the parameter catalog.";
            yield break;
        }

        var station = channel.Station is null
            ? (options.Stations.Count == 1 ? options.Stations[0] : null)
            : options.Stations.FirstOrDefault(s => s.Id == channel.Station);
        if (station is null)
        {
            yield return channel.Station is null
                ? "Station is required when the node has more than one station."
                : $"station '{channel.Station}' is not in Node:Stations.";
        }
        else if (station.Medium != parameter.Medium)
        {
            yield return $"{parameter.Code} is a {parameter.Medium} parameter but station {station.Id} is {station.Medium}.";
        }

        if (channel.I2cAddress is { } address && address is < 0x03 or > 0x77)
        {
            yield return "I2cAddress must be a 7-bit address (0x03 … 0x77).";
        }

        switch (channel.Kind)
        {
            case ProbeKind.CurrentLoop:
                if (channel.RangeMin == channel.RangeMax || !double.IsFinite(channel.RangeMin) || !double.IsFinite(channel.RangeMax))
                {
                    yield return "RangeMin and RangeMax (the analyser's values at 4 and 20 mA) must differ.";
                }

                string? shunt = null;
                try
                {
                    CurrentLoopInput.RangeFor(ElectricResistance.FromOhms(channel.ShuntOhms));
                }
                catch (ArgumentOutOfRangeException e)
                {
                    shunt = $"ShuntOhms: {e.Message}";
                }

                if (shunt is not null)
                {
                    yield return shunt;
                }

                break;
            case ProbeKind.Rtd when !(channel.ReferenceOhms > 0):
                yield return "ReferenceOhms must be the board's reference resistor (430 for PT100).";
                break;
            case ProbeKind.PulseFlow when channel.Pin < 0:
                yield return "Pin (the GPIO the pulse output is wired to) is required.";
                break;
            case ProbeKind.PulseFlow when !(channel.PulsesPerCubicMetre > 0):
                yield return "PulsesPerCubicMetre (the meter's K-factor) must be positive.";
                break;
        }

        string? calibration = null;
        try
        {
            _ = new Calibration(channel.Calibration);
        }
        catch (ArgumentException e)
        {
            calibration = $"Calibration: {e.Message}";
        }

        if (calibration is not null)
        {
            yield return calibration;
        }
    }
}
