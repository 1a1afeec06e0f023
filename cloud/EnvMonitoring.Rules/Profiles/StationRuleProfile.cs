using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Protocol.Identifiers;
using EnvMonitoring.Rules.Limits;

namespace EnvMonitoring.Rules.Profiles;

/// <summary>
/// Everything the engine needs about one station: its limits (from <see cref="StationLimits"/>),
/// the parameters it is expected to send (for the per-parameter dead-man), the flow that weights
/// its means (FlowOut for wastewater, GasFlow for stacks) and its <see cref="RuleSettings"/>.
/// </summary>
public sealed class StationRuleProfile
{
    private StationRuleProfile(string station, Medium medium, IReadOnlyList<ParameterLimit> limits, IReadOnlyList<Parameter> monitored, Parameter? flow, RuleSettings settings)
    {
        Station = station;
        Medium = medium;
        Limits = limits;
        Monitored = monitored;
        Flow = flow;
        Settings = settings;
    }

    public string Station { get; }

    public Medium Medium { get; }

    public IReadOnlyList<ParameterLimit> Limits { get; }

    /// <summary>The parameters the station sends: those it was registered with plus those with a limit.</summary>
    public IReadOnlyList<Parameter> Monitored { get; }

    /// <summary>The flow weighting the means, when the catalog has one for the station's medium.</summary>
    public Parameter? Flow { get; }

    public RuleSettings Settings { get; }

    public ParameterLimit? LimitFor(Parameter parameter) => Limits.FirstOrDefault(l => l.Parameter == parameter);

    /// <summary>
    /// Builds a profile; throws <see cref="ArgumentException"/> when a limit is for another medium,
    /// is given twice, or is not a usable bound, and when the settings are out of range.
    /// </summary>
    public static StationRuleProfile Create(
        string station,
        Medium medium,
        IEnumerable<ParameterLimit> limits,
        IEnumerable<Parameter>? monitored = null,
        RuleSettings? settings = null,
        ParameterCatalog? catalog = null)
    {
        Identifier.Require(station, nameof(station));
        ArgumentNullException.ThrowIfNull(limits);
        settings ??= RuleSettings.Default;
        settings.Validate();
        catalog ??= ParameterCatalog.Default;
        var limitList = limits.ToList();
        foreach (var limit in limitList)
        {
            if (limit.Parameter.Medium != medium)
            {
                throw new ArgumentException($"Station {station} discharges {medium}; the limit of {limit.Parameter} is for {limit.Parameter.Medium}.", nameof(limits));
            }

            if (limit.Min is null && limit.Max is null || limit.Min >= limit.Max || limit.Max is <= 0 ||
                limit.Min is { } min && !double.IsFinite(min) || limit.Max is { } max && !double.IsFinite(max))
            {
                throw new ArgumentException($"Station {station}: the limit of {limit.Parameter} is not a usable bound.", nameof(limits));
            }
        }

        if (limitList.GroupBy(l => l.Parameter).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Station {station}: {twice.Key} has two limits.", nameof(limits));
        }

        if (settings.RateOfChangePerHour.Keys.FirstOrDefault(code => !catalog.TryGet(code, out _)) is { } unknown)
        {
            throw new ArgumentException($"Station {station}: rate-of-change parameter '{unknown}' is not in the parameter catalog.", nameof(settings));
        }

        var flowCode = medium == Medium.Water ? "FlowOut" : "GasFlow";
        var flow = catalog.TryGet(flowCode, out var found) ? found : null;
        var all = (monitored ?? []).Concat(limitList.Select(l => l.Parameter)).Distinct().OrderBy(p => p.Index).ToList();
        return new StationRuleProfile(station, medium, limitList, all, flow, settings);
    }
}
